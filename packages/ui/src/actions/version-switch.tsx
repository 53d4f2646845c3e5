import { forwardRef, type ForwardRefExoticComponent, type HTMLAttributes, type RefAttributes } from 'react';
import { Icon, useLabels } from '@chatstream/ui';

/** Props of {@link VersionSwitch}. */
export interface VersionSwitchProps extends HTMLAttributes<HTMLDivElement> {
  /** The version shown, from 0. */
  index: number;
  /** How many versions there are. */
  count: number;
  /** Called with the version to show. */
  onShow: (index: number) => void;
  /** While an answer streams the versions cannot change: the buttons say so and do nothing. */
  disabled?: boolean | undefined;
  /** Name of the back arrow (default: the app's label for "Previous version"). */
  previousLabel?: string | undefined;
  /** Name of the forward arrow (default: the app's label for "Next version"). */
  nextLabel?: string | undefined;
  /**
   * Name of the group, from the version shown counted from 1 (default: the app's label for
   * "Version {0} of {1}", e.g. "Version 2 of 3").
   */
  describe?: ((shown: number, count: number) => string) | undefined;
}

const PREVIOUS = 'M15 6l-6 6 6 6';
const NEXT = 'M9 6l6 6-6 6';

/**
 * "‹ 2 / 3 ›" under a message that was edited or regenerated: shows the earlier and later versions
 * of its place in the conversation. The buttons stay focusable at either end (marked
 * `aria-disabled`), so the focus never falls out of the switch. The labels given win over the app's
 * labels (`LabelsProvider` or `<ChatStream labels>`), which win over English.
 *
 * @example
 * <VersionSwitch index={version.index} count={version.count} onShow={(index) => chat.showVersion(id, index)} />
 */
export const VersionSwitch: ForwardRefExoticComponent<VersionSwitchProps & RefAttributes<HTMLDivElement>> =
  /* @__PURE__ */ forwardRef<HTMLDivElement, VersionSwitchProps>(function VersionSwitch(
    { index, count, onShow, disabled = false, previousLabel, nextLabel, describe, ...rest },
    ref,
  ) {
    const t = useLabels();
    const shown = index + 1;
    const step = (by: -1 | 1, slot: string, label: string, d: string) => {
      const target = index + by;
      const off = disabled || target < 0 || target >= count;
      return (
        <button
          type="button"
          data-slot={slot}
          title={label}
          aria-disabled={off || undefined}
          onClick={() => {
            if (!off) onShow(target);
          }}
        >
          <Icon d={d} />
          <span data-slot="button-label">{label}</span>
        </button>
      );
    };
    return (
      <div
        ref={ref}
        role="group"
        data-slot="version-switch"
        aria-label={describe ? describe(shown, count) : t('Version {0} of {1}', shown, count)}
        {...rest}
      >
        {step(-1, 'version-previous', previousLabel ?? t('Previous version'), PREVIOUS)}
        <span data-slot="version-count" aria-hidden="true">
          {t('{0} / {1}', shown, count)}
        </span>
        {step(1, 'version-next', nextLabel ?? t('Next version'), NEXT)}
      </div>
    );
  });
