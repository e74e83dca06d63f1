import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from "docx";
import { blockOf, EMPTY, type RenderInput } from "./render.ts";
import { PRD_SECTIONS, SECTION_TITLES } from "./schemas.ts";

/** A wireframe's PNG and its size in pixels, by wireframe id. */
export type WireframeImages = Map<string, { png: Buffer; width: number; height: number }>;

// A page's text width (A4/Letter with 1" margins) is about 6.3 inches: 600 px at 96 dpi keeps every sketch on it.
const MAX_IMAGE_WIDTH = 600;

const bullet = (runs: TextRun[], level = 0) => new Paragraph({ children: runs, bullet: { level } });

/**
 * The PRD as a Word document (.docx, written with the `docx` library): the same sections and items as the Markdown and
 * HTML renderings, each wireframe embedded as its PNG under its name. Text goes in as text runs, never as markup, so
 * nothing a user wrote can change the document's structure.
 */
export async function renderDocx(input: RenderInput, images: WireframeImages): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ text: `${input.name} — Product requirements`, heading: HeadingLevel.TITLE }),
    new Paragraph({
      children: [new TextRun({ text: `Revision ${input.revision}, updated ${input.updatedAt}`, italics: true })],
    }),
  ];
  PRD_SECTIONS.forEach((section, index) => {
    children.push(new Paragraph({ text: `${index + 1}. ${SECTION_TITLES[section]}`, heading: HeadingLevel.HEADING_1 }));
    const block = blockOf(input.document, section);
    if (!block) {
      children.push(new Paragraph({ children: [new TextRun({ text: EMPTY, italics: true, color: "777777" })] }));
      return;
    }
    if (block.kind === "text") {
      for (const p of block.paragraphs ?? []) children.push(new Paragraph({ text: p }));
      return;
    }
    for (const item of block.items ?? []) {
      children.push(
        bullet([new TextRun({ text: item.head, bold: true }), new TextRun({ text: ` ${item.body ?? ""}` })]),
      );
      for (const sub of item.sub ?? []) children.push(bullet([new TextRun(sub)], 1));
    }
    if (section !== "wireframes") return;
    for (const ref of input.document.wireframes) {
      const image = images.get(ref.wireframe_id);
      if (!image) continue;
      const scale = Math.min(1, MAX_IMAGE_WIDTH / image.width);
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: "png",
              data: image.png,
              transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
              altText: { name: ref.name, description: `Wireframe: ${ref.name}`, title: ref.name },
            }),
          ],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: ref.name, italics: true })],
        }),
      );
    }
  });
  const doc = new Document({
    creator: "Persona Studio",
    title: `${input.name} — Product requirements`,
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
