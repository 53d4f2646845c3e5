import { openDemo } from './support/demo-page.ts';
import { expect, test } from './support/fixtures.ts';

interface SentBlock {
  type: string;
  title?: string;
  text?: string;
  source?: { type: string; media_type?: string; data?: string };
}

test('a dropped photo and a picked file go through the relay; an edit keeps them', async ({
  page,
  upstream,
}) => {
  const demo = await openDemo(page, 'relay');
  // A photo as a phone takes it, far larger than the 1,568 pixels the API keeps, dropped on the conversation.
  await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(4032, 3024);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#4a7c59';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#f5b38a';
    context.fillRect(600, 400, 2000, 1500);
    const photo = new File(
      [await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 })],
      'IMG_0042.jpg',
      {
        type: 'image/jpeg',
      },
    );
    const transfer = new DataTransfer();
    transfer.items.add(photo);
    const conversation = document.querySelector('[role="log"]')!;
    conversation.dispatchEvent(
      new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
  });
  await page.locator('[data-slot="composer"] input[type="file"]').setInputFiles({
    name: 'notes.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('# Garden\n\n- tomatoes\n- basil\n'),
  });
  const attachments = page.getByRole('list', { name: 'Attachments' });
  await expect(attachments.locator('[data-state="ready"]')).toHaveCount(2);
  await demo.send('What do you see?');

  const question = demo.conversation.getByRole('article', { name: 'You' });
  await expect(question.getByRole('img', { name: 'JPEG image' })).toBeVisible();
  await expect(question).toContainText('notes.md');
  await expect(demo.answers.last()).toHaveAttribute('data-state', 'complete');
  await expect(demo.answers.last()).toContainText(
    /I received 2 attachments: a JPEG image, 1568 × 1176 px \(\d+ KB\), and a text document "notes\.md" \(29 characters\)\./,
  );
  // The notes were sent citable, and the answer quotes them with a citation of the document.
  await expect(demo.answers.last()).toContainText('From "notes.md": "# Garden".');
  await expect(demo.answers.last().getByRole('list', { name: 'Sources' })).toContainText('notes.md');
  await expect(attachments).toHaveCount(0);

  await upstream.settled();
  const [first] = upstream.requests;
  const sent = (first!.body as { messages: { content: SentBlock[] }[] }).messages[0]!.content;
  expect(sent.map((block) => block.type)).toEqual(['image', 'document', 'text']);
  expect(sent[0]!.source).toMatchObject({ type: 'base64', media_type: 'image/jpeg' });
  expect(sent[1]).toMatchObject({
    title: 'notes.md',
    citations: { enabled: true },
    source: { type: 'text', data: '# Garden\n\n- tomatoes\n- basil\n' },
  });
  expect(sent[2]).toEqual({ type: 'text', text: 'What do you see?' });

  // Editing the question changes its text; the photo and the notes stay with it.
  await question.hover();
  await question.getByRole('button', { name: 'Edit' }).click();
  await question.getByRole('textbox', { name: 'Edit message' }).fill('Which plants are these?');
  await question.getByRole('button', { name: 'Save & resend' }).click();
  await expect(demo.answers).toHaveCount(1);
  await expect(demo.answers.last()).toHaveAttribute('data-state', 'complete');
  await upstream.settled();
  const edited = (upstream.requests[1]!.body as { messages: { content: SentBlock[] }[] }).messages[0]!
    .content;
  expect(edited.map((block) => block.type)).toEqual(['image', 'document', 'text']);
  expect(edited[0]!.source!.data).toBe(sent[0]!.source!.data);
  expect(edited[2]).toEqual({ type: 'text', text: 'Which plants are these?' });
});

test('a file the API cannot read is refused in the composer, and nothing is sent', async ({
  page,
  upstream,
}) => {
  const demo = await openDemo(page, 'relay');
  await page.locator('[data-slot="composer"] input[type="file"]').setInputFiles({
    name: 'budget.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
  });
  await expect(page.getByRole('alert')).toContainText(
    'budget.xlsx is not an image (JPEG, PNG, GIF, WebP), a PDF or text',
  );
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await page.getByRole('button', { name: 'Remove budget.xlsx' }).click();
  await expect(page.getByRole('list', { name: 'Attachments' })).toHaveCount(0);
  await expect(demo.composer).toBeEditable();
  expect(upstream.requests).toHaveLength(0);
});
