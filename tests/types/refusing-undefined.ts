/**
 * The optional properties of `T` that refuse an explicit `undefined` under
 * `exactOptionalPropertyTypes` (`never` when there are none): the type tests of every package
 * expect `never` for each options type a user passes in.
 */
export type RefusingUndefined<T> = T extends unknown
  ? {
      [Key in keyof T]-?: {} extends Pick<T, Key>
        ? { [Only in Key]: undefined } extends Pick<T, Key>
          ? never
          : Key
        : never;
    }[keyof T]
  : never;
