import type { WhatsNextItem } from "../../api/chat-types.ts";
import { RichText } from "../../components/RichText.tsx";

const STATUS_WORDS: Record<WhatsNextItem["status"], string> = {
  todo: "To do",
  in_progress: "Now",
  done: "Done",
};

/** Current first, then what is left; what is done is folded away (it is the least useful to see). */
export function orderWhatsNext(items: WhatsNextItem[]): { open: WhatsNextItem[]; done: WhatsNextItem[] } {
  const rank = { in_progress: 0, todo: 1, done: 2 } as const;
  const open = items.filter((i) => i.status !== "done").sort((a, b) => rank[a.status] - rank[b.status]);
  return { open, done: items.filter((i) => i.status === "done") };
}

function Item({ item }: { item: WhatsNextItem }) {
  return (
    <li className={`next-${item.status}`} aria-current={item.status === "in_progress" ? "step" : undefined}>
      <span className="badge">{STATUS_WORDS[item.status]}</span> <RichText text={item.title} />
    </li>
  );
}

/** The project's what's next list, kept current by the interviewers. */
export function WhatsNext({ items }: { items: WhatsNextItem[] }) {
  const { open, done } = orderWhatsNext(items);
  return (
    <section className="card whats-next" aria-labelledby="next-title">
      <h2 id="next-title">What's next</h2>
      {items.length === 0 ? (
        <p className="muted small">The interviewers keep this list current as you answer.</p>
      ) : (
        <>
          {open.length > 0 ? (
            <ul>
              {open.map((item) => (
                <Item key={item.id} item={item} />
              ))}
            </ul>
          ) : (
            <p className="small">Everything on the list is done.</p>
          )}
          {done.length > 0 ? (
            <details className="done-items">
              <summary className="small muted">Done ({done.length})</summary>
              <ul>
                {done.map((item) => (
                  <Item key={item.id} item={item} />
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}
