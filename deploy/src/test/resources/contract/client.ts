// A dashboard-side client typed by the contract: openapi-typescript turns the served openapi.yaml into api.d.ts,
// and tsc --strict must compile these calls against it (ContractLintTest). The @ts-expect-error lines must fail to
// type-check: they prove that enums, bodies and paths are typed, not `any`.
import createClient from "openapi-fetch";
import type { components, paths } from "./api";

type Candidate = components["schemas"]["CandidateListItem"];
type Point = components["schemas"]["LightCurvePoint"];

// JSON answers only: the lists also answer text/csv, which this client never asks for
const hub = createClient<paths, "application/json">({ baseUrl: "http://127.0.0.1:8080" });
const auth = { headers: { Authorization: "Bearer token" } };

export async function pendingGroupIds(): Promise<string[]> {
  const { data, error } = await hub.GET("/api/v1/queue", { params: { query: { state: "pending", limit: 50 } } });
  if (error) throw new Error(`${error.error}: ${error.message}`);
  return data.groups.map((group) => group.group_id);
}

export async function lightCurve(sourceId: string): Promise<Point[]> {
  const { data } = await hub.GET("/api/v1/sources/{source_id}/timeseries", {
    params: { path: { source_id: sourceId }, query: { start_mjd: 60000 } },
  });
  return data?.points ?? [];
}

export async function strongestCandidates(): Promise<Candidate[]> {
  const { data } = await hub.GET("/api/v1/ese/candidates", { params: { query: { status: "active", limit: 10 } } });
  return data?.candidates ?? [];
}

export async function dismiss(id: number): Promise<void> {
  await hub.PATCH("/api/v1/ese/candidates/{id}", {
    params: { path: { id } },
    body: { status: "dismissed", by: "alice", notes: "calibration artefact" },
    ...auth,
  });
}

export async function nearby(): Promise<{ total: number; truncated: boolean }> {
  const { data } = await hub.GET("/api/v1/catalog/cone", { params: { query: { ra: "12h30m00s", dec: "+42:03:12", radius: 0.5 } } });
  return { total: data?.total ?? 0, truncated: data?.truncated ?? false };
}

export async function mistakes(): Promise<void> {
  // @ts-expect-error a state the queue does not have
  await hub.GET("/api/v1/queue", { params: { query: { state: "lost" } } });
  // @ts-expect-error a review status outside the enum
  await hub.PATCH("/api/v1/ese/candidates/{id}", { params: { path: { id: 1 } }, body: { status: "maybe", by: "alice" } });
  // @ts-expect-error a path the API does not have
  await hub.GET("/api/v1/sources/{source_id}/history", { params: { path: { source_id: "x" } } });
}
