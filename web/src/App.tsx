import { lazy, Suspense, useEffect, useState } from "react";
import { onUnauthorized } from "./api/client.ts";
import { ScreenLoading } from "./components/ui.tsx";
import { Link, matchPath, navigate, useLocation } from "./router.tsx";
import { AuthScreen } from "./screens/AuthScreen.tsx";
import { PersonaCreate } from "./screens/PersonaCreate.tsx";
import { PersonaList } from "./screens/PersonaList.tsx";

// Heavy screens load on demand so the first paint only needs the list.
const PersonaPage = lazy(() => import("./screens/PersonaPage.tsx").then((m) => ({ default: m.PersonaPage })));
const PersonaChat = lazy(() => import("./screens/PersonaChat.tsx").then((m) => ({ default: m.PersonaChat })));
const Projects = lazy(() => import("./screens/Projects.tsx").then((m) => ({ default: m.Projects })));
const FocusGroups = lazy(() => import("./screens/FocusGroups.tsx").then((m) => ({ default: m.FocusGroups })));
const FocusGroupPage = lazy(() => import("./screens/FocusGroupPage.tsx").then((m) => ({ default: m.FocusGroupPage })));
const ProjectWorkspace = lazy(() =>
  import("./screens/ProjectWorkspace.tsx").then((m) => ({ default: m.ProjectWorkspace })),
);

function NotFound() {
  return (
    <section className="narrow">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link href="/">Go to the personas</Link>.
      </p>
    </section>
  );
}

function Screen({ path }: { path: string }) {
  if (path === "/" || path === "/personas") return <PersonaList />;
  if (path === "/personas/new") return <PersonaCreate />;
  const persona = matchPath("/personas/:id", path);
  if (persona?.id) return <PersonaPage key={persona.id} id={persona.id} />;
  const chat = matchPath("/personas/:id/chat", path);
  if (chat?.id) return <PersonaChat key={chat.id} id={chat.id} />;
  if (path === "/projects") return <Projects />;
  const project = matchPath("/projects/:id", path);
  if (project?.id) return <ProjectWorkspace key={project.id} id={project.id} />;
  if (path === "/focus-groups") return <FocusGroups />;
  const group = matchPath("/focus-groups/:id", path);
  if (group?.id) return <FocusGroupPage key={group.id} id={group.id} />;
  return <NotFound />;
}

export function App() {
  const { path } = useLocation();
  const [authMessage, setAuthMessage] = useState<string | null>(null);

  useEffect(
    () =>
      onUnauthorized((message) => {
        setAuthMessage(message);
        const here = window.location.pathname + window.location.search;
        if (window.location.pathname !== "/auth") navigate(`/auth?next=${encodeURIComponent(here)}`);
      }),
    [],
  );

  const section = path.startsWith("/projects")
    ? "projects"
    : path.startsWith("/focus-groups")
      ? "focus-groups"
      : path === "/auth"
        ? "auth"
        : "personas";
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <img src="/favicon.svg" alt="" width="24" height="24" /> Persona Studio
        </Link>
        <nav aria-label="Main">
          <Link href="/" aria-current={section === "personas" ? "page" : undefined}>
            Personas
          </Link>
          <Link href="/focus-groups" aria-current={section === "focus-groups" ? "page" : undefined}>
            Focus groups
          </Link>
          <Link href="/projects" aria-current={section === "projects" ? "page" : undefined}>
            Projects
          </Link>
          <a href="/docs">API</a>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<ScreenLoading title="Persona Studio" />}>
          {path === "/auth" ? <AuthScreen message={authMessage} /> : <Screen path={path} />}
        </Suspense>
      </main>
    </>
  );
}
