import { useState } from "react";
import { apiKey } from "../api/client.ts";
import { useTitle } from "../components/ui.tsx";
import { navigate, useLocation } from "../router.tsx";

/** Asks for an API key when the server requires one; keeps it for this tab only (sessionStorage). */
export function AuthScreen({ message }: { message: string | null }) {
  useTitle("API key");
  const { search } = useLocation();
  const [key, setKey] = useState("");
  const back = search.get("next");
  const next = back?.startsWith("/") && !back.startsWith("//") ? back : "/";
  return (
    <section aria-labelledby="auth-title" className="narrow">
      <h1 id="auth-title">Enter your API key</h1>
      {message ? (
        <p className="error-box" role="alert">
          {message}
        </p>
      ) : null}
      <p className="muted">
        This server asks for an API key. An administrator creates one with{" "}
        <code>npx persona-studio keys create --tenant NAME</code>. The key stays in this browser tab and is forgotten
        when you close it.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!key.trim()) return;
          apiKey.set(key.trim());
          navigate(next, { replace: true });
        }}
      >
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          placeholder="ps_…"
          onChange={(e) => setKey(e.target.value)}
          required
        />
        <div className="actions">
          <button type="submit" className="primary">
            Continue
          </button>
          {apiKey.get() ? (
            <button
              type="button"
              onClick={() => {
                apiKey.clear();
                setKey("");
              }}
            >
              Forget the saved key
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
