import { describe, expect, it } from "vitest";
import { htmlToText } from "./html-to-text.ts";

const page = `<!doctype html><html><head><title>Meet Ana | Ruiz Ceramics</title>
<script>window.track = function () { return "tracking"; };</script><style>body{color:red}</style></head>
<body>
<div id="cookie-notice">We use cookies for analytics. <button>Accept all</button></div>
<header><nav><a href="/">Home</a> <a href="/shop">Shop</a> <a href="/about">About</a></nav></header>
<main>
  <h1>Meet Ana Ruiz</h1>
  <p>Ana Ruiz throws porcelain in a converted garage in Valparaíso. She has sold her bowls at the Sunday market for
  eleven years and teaches two evening wheel classes a week.</p>
  <h2>Why clay</h2>
  <p>"I like that the kiln never lies," she says. Glaze chemistry is her obsession and her notebook is full of tests.</p>
</main>
<div class="sidebar"><h3>Popular posts</h3><ul><li>Ten kiln myths</li></ul></div>
<footer><p>© 2024 Ruiz Ceramics · 12 Calle Larga · Newsletter sign-up</p></footer>
</body></html>`;

describe("htmlToText", () => {
  it("returns the title and main text as lines, without chrome", () => {
    const { title, text } = htmlToText(page, "https://example.test/about");
    expect(title).toBe("Meet Ana | Ruiz Ceramics");
    const lines = text.split("\n");
    expect(lines[0]).toBe("Meet Ana | Ruiz Ceramics");
    expect(lines).toContain("Meet Ana Ruiz");
    expect(lines).toContain("Why clay");
    expect(text).toContain("Ana Ruiz throws porcelain in a converted garage in Valparaíso.");
    expect(text).toContain("Glaze chemistry is her obsession");
    for (const chrome of ["cookies", "Accept all", "Shop", "Popular posts", "Ten kiln myths", "© 2024", "tracking"]) {
      expect(text).not.toContain(chrome);
    }
  });

  it("falls back to body text when there is no article-like content", () => {
    const { text, title } = htmlToText("<html><body><div>Just a line about Bo.</div></body></html>");
    expect(title).toBeUndefined();
    expect(text).toBe("Just a line about Bo.");
  });

  it.each(["", "<<<>>>", "<html><body><p>unclosed <b>bold <i>nest", "<div>".repeat(5_000), "\u0000\u0001 binary-ish"])(
    "never throws on malformed input %#",
    (html) => {
      expect(() => htmlToText(html)).not.toThrow();
      expect(typeof htmlToText(html).text).toBe("string");
    },
  );

  it("handles deeply nested markup without Readability's quadratic path", () => {
    const nested = `${"<div>".repeat(5_000)}deep text${"</div>".repeat(5_000)}`;
    expect(htmlToText(`<html><body>${nested}</body></html>`).text).toBe("deep text");
  });

  it("keeps the line a page marks as its date, which Readability drops beside the article", () => {
    const team = `<!doctype html><html lang="fr"><head><title>Équipe – Atelier Vélo Solidaire – Rennes</title></head>
<body><header><nav><a href="/">Accueil</a> · <a href="/equipe">Équipe</a></nav></header>
<main>
<h1>Notre équipe</h1>
<p class="updated">Mis à jour le 2 mars 2020</p>
<div class="member"><h2>Odile Brasseur</h2><p>Mécanicienne · Rennes</p><p>Odile répare les vélos donnés depuis 2015 et
anime un atelier du samedi pour les enfants du quartier. Elle parle breton et français.</p></div>
<div class="member"><h2>Karim Haddou</h2><p>Trésorier · Vitré</p><p>Karim tient les comptes de l'association.</p></div>
</main></body></html>`;
    const lines = htmlToText(team).text.split("\n");
    expect(lines).toContain("Mis à jour le 2 mars 2020");
    expect(lines.indexOf("Mis à jour le 2 mars 2020")).toBeLessThan(lines.indexOf("Odile Brasseur"));
  });

  it("keeps the date in an article's own header, while the site's header goes", () => {
    const post = `<!doctype html><html><head><title>Field notes</title></head><body>
<header class="site"><a href="/">Home</a> <a href="/about">About</a></header>
<article><header><h1>Field notes</h1><time datetime="2019-04-03">3 April 2019</time></header>
<p>I look after forty hives on the hill above the village and sell the honey at the Saturday market.</p>
<p>Most winters I lose two or three colonies to damp, so this year I am trying insulated roofs on half of them.</p>
</article></body></html>`;
    const lines = htmlToText(post).text.split("\n");
    expect(lines).toContain("3 April 2019");
    expect(lines.indexOf("3 April 2019")).toBeLessThan(lines.findIndex((l) => l.startsWith("I look after")));
    expect(lines.join(" ")).not.toContain("About");
  });

  it("keeps text of unclosed tags", () => {
    expect(htmlToText("<html><body><p>unclosed <b>bold <i>nest").text).toContain("unclosed bold nest");
  });
});
