import { Fragment, useMemo } from "react";
import { prdFileLabel, splitApiLinks } from "../lib/api-links.ts";
import { Link } from "../router.tsx";
import { ApiDownload, ApiImage } from "./ApiResource.tsx";

/** Text from an assistant or a list, with the API resources it names shown as downloads and thumbnails. */
export function RichText({ text }: { text: string }) {
  const parts = useMemo(() => splitApiLinks(text), [text]);
  return (
    <>
      {parts.map((part, i) => {
        const key = `${i}-${part.kind}`;
        switch (part.kind) {
          case "text":
            return <Fragment key={key}>{part.text}</Fragment>;
          case "wireframe":
            return <ApiImage key={key} path={part.path} alt="Wireframe sketch" className="thumb" />;
          case "prd": {
            const label = prdFileLabel(part.format);
            return <ApiDownload key={key} path={part.path} label={label} filename={label.toLowerCase()} />;
          }
          case "page":
            return (
              <Link key={key} href={part.href}>
                {part.label}
              </Link>
            );
          default:
            return (
              <ApiDownload
                key={key}
                path={part.path}
                label={part.path}
                filename={part.path.split("/").pop() ?? "file"}
              />
            );
        }
      })}
    </>
  );
}
