import { scenarios } from '@chatstream/mocks';

/** Markdown that exercises every block type, for prefix and streaming tests. */
export const RICH_DOCUMENT: string = `# Streaming markdown

Intro with **bold**, *italic*, ~~struck~~, \`inline code\` and a [link](https://example.com "Example").
A second line of the same paragraph with an autolink <https://example.org> and www.example.net.

Setext heading
--------------

- first item
- second item with **bold
  continued** text
  - nested item
- [ ] a task
- [x] a done task

1. one
2. two

   loose paragraph in an item

> A quote
> spanning lines
>
> > nested quote

| Column A | Column B | Right |
| :------- | :------: | ----: |
| a1       | b1       | 1     |
| a2 \\| pipe | \`b2\` | 22    |

\`\`\`ts
const answer: number = 42;
console.log(\`value: \${answer}\`);
\`\`\`

    indented code block

~~~
tilde fence
~~~

***

Reference [style][ref] link and an image ![alt text](https://example.com/a.png).

[ref]: https://example.com/ref "Ref"

Hard break at the end  
next line. Entities: &amp; &copy; &#x41; and <span>inline html</span>.

<div>
block html
</div>

Final paragraph with trailing emphasis *done*.
`;

/** Every document the prefix tests stream. */
export const DOCUMENTS: readonly string[] = [
  RICH_DOCUMENT,
  scenarios.longAnswer.expectedText,
  'a\r\nb\r\n\r\n- c\r\n- d\r\n',
];
