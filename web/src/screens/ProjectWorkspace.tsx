import { useCallback, useEffect, useRef, useState } from "react";
import type { Conversation, ConversationListItem } from "../api/chat-types.ts";
import { call, client, saveBlob } from "../api/client.ts";
import type { Page } from "../api/types.ts";
import { ChatPanel } from "../components/ChatPanel.tsx";
import { ErrorBox, Loading, ScreenError, ScreenLoading, useAsync, useTitle } from "../components/ui.tsx";
import { Link } from "../router.tsx";
import { PrdView } from "./project/PrdView.tsx";

interface Tab {
  key: string;
  label: string;
  role: string;
}

/** A project: one tab per interviewer (and linked persona), the live PRD, what's next and the wireframes. */
export function ProjectWorkspace({ id }: { id: string }) {
  const project = useAsync(
    (signal) => call(client.GET("/v1/projects/{id}", { params: { path: { id } }, signal })),
    [id],
  );
  const interviewers = useAsync((signal) => call(client.GET("/v1/interviewers", { signal })).then((r) => r.data), []);
  const personaIds = project.data?.persona_ids.join(",") ?? "";
  const personas = useAsync(
    (signal) =>
      Promise.all(
        (personaIds ? personaIds.split(",") : []).map((pid) =>
          call(client.GET("/v1/personas/{id}", { params: { path: { id: pid } }, signal })).catch(() => null),
        ),
      ),
    [personaIds],
  );
  const projectId = project.data?.id;
  const prd = useAsync(
    async (signal) => {
      if (!projectId) return null;
      const prd = await call(client.GET("/v1/projects/{id}/prd", { params: { path: { id: projectId } }, signal }));
      // The route also serves Markdown, HTML and DOCX (typed as text); asked without a format it answers JSON.
      return typeof prd === "string" ? null : prd;
    },
    [projectId],
  );
  const whatsNext = useAsync(
    async (signal) =>
      projectId
        ? call(client.GET("/v1/projects/{id}/whats-next", { params: { path: { id: projectId } }, signal }))
        : null,
    [projectId],
  );
  // The interviews already held, so that opening their tab reads them instead of asking the server to open one.
  const held = useAsync(async (signal) => (projectId ? listInterviews(projectId, signal) : null), [projectId]);
  const [tab, setTab] = useState("pm");
  const [conversations, setConversations] = useState<Record<string, Conversation>>({});
  const [openError, setOpenError] = useState<unknown>(null);
  useTitle(project.data?.name ?? "Project");

  const tabs: Tab[] = [
    ...(interviewers.data ?? []).map((i) => ({ key: i.id, label: i.name, role: i.role })),
    ...(personas.data ?? []).flatMap((p) =>
      p ? [{ key: p.id, label: p.persona.name ?? "Persona", role: "Research persona" }] : [],
    ),
  ];

  // Opening a tab opens (or finds) that interviewer's conversation: one per interviewer per project.
  useEffect(() => {
    if (!projectId || conversations[tab] || held.status === "loading") return;
    const known = held.data?.find((c) => c.interviewer === tab);
    if (known) {
      setConversations((all) => ({ ...all, [tab]: known }));
      return;
    }
    // Not held yet (or the list failed: opening is find-or-create, so the interview is still the one of record).
    let cancelled = false;
    setOpenError(null);
    call(
      client.POST("/v1/projects/{id}/conversations", {
        params: { path: { id: projectId } },
        body: { interviewer: tab },
      }),
    ).then(
      (c) => {
        if (!cancelled) setConversations((all) => ({ ...all, [tab]: c }));
      },
      (error: unknown) => {
        if (!cancelled) setOpenError(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [projectId, tab, conversations, held.status, held.data]);

  // Tool results arrive in bursts; reload the PRD pane at most every 400 ms.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { reload: reloadPrd } = prd;
  const { reload: reloadNext } = whatsNext;
  const { reload: reloadProject } = project;
  const onActivity = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      reloadPrd();
      reloadNext();
      reloadProject();
    }, 400);
  }, [reloadPrd, reloadNext, reloadProject]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const download = async (format: "markdown" | "html") => {
    if (!project.data) return;
    const blob = await call(
      client.GET("/v1/projects/{id}/prd", {
        params: { path: { id: project.data.id }, query: { format, download: "1" } },
        parseAs: "blob",
      }),
    );
    saveBlob(blob, `${project.data.slug}-prd.${format === "markdown" ? "md" : "html"}`);
  };

  if (project.status === "error" && !project.data) {
    return (
      <ScreenError
        title="This project could not be loaded"
        error={project.error}
        onRetry={project.reload}
        back={{ href: "/projects", label: "Projects" }}
      />
    );
  }
  if (!project.data) return <ScreenLoading title="Project" label="Loading project…" />;

  const active = tabs.find((t) => t.key === tab);
  const conversation = conversations[tab];
  return (
    <section aria-labelledby="project-title" className="workspace">
      <p className="breadcrumbs">
        <Link href="/projects">Projects</Link> /
      </p>
      <div className="page-head">
        <div>
          <h1 id="project-title">{project.data.name}</h1>
          <p className="small muted">
            <code>{project.data.slug}</code> · PRD revision {project.data.prd_revision} ·{" "}
            {project.data.sections.covered.length} of{" "}
            {project.data.sections.covered.length + project.data.sections.missing.length} sections covered
          </p>
        </div>
      </div>
      <div className="workspace-grid">
        <div className="workspace-chat">
          {interviewers.status === "error" ? (
            <ErrorBox error={interviewers.error} onRetry={interviewers.reload} />
          ) : null}
          <div role="tablist" aria-label="Interviewers" className="tabs">
            {tabs.map((t) => (
              <button
                key={t.key}
                type="button"
                role="tab"
                id={`itab-${t.key}`}
                aria-selected={tab === t.key}
                aria-controls="interview-panel"
                tabIndex={tab === t.key ? 0 : -1}
                onClick={() => setTab(t.key)}
                onKeyDown={(e) => {
                  const i = tabs.findIndex((x) => x.key === tab);
                  const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
                  const next = step ? tabs[(i + step + tabs.length) % tabs.length] : undefined;
                  if (next) {
                    setTab(next.key);
                    document.getElementById(`itab-${next.key}`)?.focus();
                  }
                }}
              >
                {t.label} <span className="tab-role">{t.role}</span>
              </button>
            ))}
          </div>
          <div role="tabpanel" id="interview-panel" aria-labelledby={`itab-${tab}`}>
            {openError ? <ErrorBox error={openError} title="The interview could not be opened." /> : null}
            {conversation ? (
              <ChatPanel
                key={conversation.id}
                conversationId={conversation.id}
                speaker={active?.label ?? "the interviewer"}
                placeholder="Answer, or ask a question…"
                onActivity={onActivity}
              />
            ) : openError ? null : (
              <Loading label="Opening the interview…" />
            )}
          </div>
        </div>
        <aside className="workspace-prd" aria-label="Product requirements document">
          <PrdView
            prd={prd.data ?? null}
            loading={prd.status === "loading" && !prd.data}
            error={prd.status === "error" ? prd.error : null}
            onRetry={prd.reload}
            whatsNext={whatsNext.data?.items ?? []}
            onDownload={download}
          />
        </aside>
      </div>
    </section>
  );
}

/** Every interview of the project; there is one per interviewer, so this is rarely more than one page. */
async function listInterviews(projectId: string, signal: AbortSignal): Promise<ConversationListItem[]> {
  const all: ConversationListItem[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<ConversationListItem> = await call(
      client.GET("/v1/projects/{id}/conversations", {
        params: { path: { id: projectId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
        signal,
      }),
    );
    all.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}
