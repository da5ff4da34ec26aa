import { TimeoutError, withTimeout } from '../timeouts';
/**
 * Readiness ("may this instance get traffic?") as a list of small probes, so each dependency says for itself
 * what is wrong, and a new one (e.g. the outbox's own heartbeat) is one more entry in the composition root.
 * Liveness ("is the process alive?") has no probes at all: it must answer even while storage is down, or a
 * platform that restarts on failed liveness would restart every instance during a storage outage.
 */
export interface ReadinessProbe {
  /** Short and stable: it names the check in the /readyz body. */
  name: string;
  /** Resolves undefined when fine, or a short reason when not (no personal data: the body is public). */
  check(): Promise<string | undefined>;
}

export interface ReadinessReport {
  ready: boolean;
  /** Probe name → "ok" or the reason it is not ready. */
  checks: Record<string, string>;
}

/** Runs every probe at once; a probe that throws or does not answer within `timeoutMs` is not ready. */
export async function checkReadiness(probes: ReadinessProbe[], timeoutMs: number): Promise<ReadinessReport> {
  const results = await Promise.all(
    probes.map(async (probe) => {
      try {
        return [probe.name, (await withTimeout(probe.check(), timeoutMs)) ?? 'ok'] as const;
      } catch (err) {
        return [probe.name, err instanceof TimeoutError ? 'no answer in time' : 'failed'] as const;
      }
    }),
  );
  const checks = Object.fromEntries(results);
  return { ready: results.every(([, result]) => result === 'ok'), checks };
}

/** Ready when `at()` (e.g. the worker's last pass) is at most `maxAgeMs` old. */
export function freshnessProbe(name: string, at: () => number | undefined, maxAgeMs: number): ReadinessProbe {
  return {
    name,
    check: async () => {
      const last = at();
      if (last === undefined) return 'not started';
      const age = Date.now() - last;
      return age > maxAgeMs ? `stale: ${Math.round(age / 1000)} s old` : undefined;
    },
  };
}

/** Ready when the oldest item `ageMs()` reports is at most `maxAgeMs` old (undefined = nothing waiting). */
export function backlogProbe(
  name: string,
  ageMs: () => Promise<number | undefined>,
  maxAgeMs: number,
): ReadinessProbe {
  return {
    name,
    check: async () => {
      const age = await ageMs();
      return age !== undefined && age > maxAgeMs ? `oldest waiting ${Math.round(age / 1000)} s` : undefined;
    },
  };
}
