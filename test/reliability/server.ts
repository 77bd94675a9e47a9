// A `sohoa serve` of the reliability run's own, and an archivist's token to call it with.
import { freePort, sohoa, type SohoaProcess } from '../queue-harness.js';

export type Call = <T>(url: string, init?: RequestInit) => Promise<T>;

export interface Served {
  server: SohoaProcess;
  base: string;
  token: string;
  call: Call;
}

const caller = (base: string, token: string): Call => async <T>(url: string, init: RequestInit = {}): Promise<T> => {
  const response = await fetch(`${base}${url}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
  return (await response.json()) as T;
};

/** Starts a server on `dataDir` (embedded PGlite, documents read in process); `token` is one made by an earlier start on the same folder. */
export async function startServer(dataDir: string, token?: string, env: Record<string, string> = {}): Promise<Served> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = sohoa(['serve'], { SOHOA_DATA_DIR: dataDir, PORT: String(port), ...env });
  await server.waitFor(/giao diện và API tại/u, 120_000);
  if (token) return { server, base, token, call: caller(base, token) };
  const [, password] = (await server.waitFor(/tên "admin", mật khẩu: (\S+)/u, 10_000)) as [string, string];
  const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  const cookie = /sohoa_session=[^;]+/u.exec(signIn.headers.get('set-cookie') ?? '')![0];
  const { csrf_token: csrf } = (await signIn.json()) as { csrf_token: string };
  const made = await fetch(`${base}/api/tokens`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'độ tin cậy' }) });
  const made_token = ((await made.json()) as { token: string }).token;
  return { server, base, token: made_token, call: caller(base, made_token) };
}

/** Waits until no document the server took in is still being read. */
export async function settled(call: Call, limitMs = 600_000): Promise<void> {
  const end = Date.now() + limitMs;
  while ((await call<{ submissions: { state: string }[] }>('/api/documents')).submissions.some((s) => s.state === 'processing')) {
    if (Date.now() > end) throw new Error('documents still being read');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
