/** The invoke wrapper turns every rejection into a typed BackendError. */
import { afterEach, describe, expect, it } from "vitest";
import { BackendError, invoke, setInvoker, toBackendError } from "./ipc";

afterEach(() => setInvoker(() => Promise.reject(new Error("no transport in tests"))));

describe("invoke", () => {
  it("passes the command name and arguments and returns the result", async () => {
    const calls: [string, unknown][] = [];
    setInvoker(async (cmd, args) => {
      calls.push([cmd, args]);
      return { round_id: "r1" };
    });
    const result = await invoke("round_overview", {});
    expect(result.round_id).toBe("r1");
    expect(calls).toEqual([["round_overview", {}]]);
  });

  it("keeps the shell's error code and message", async () => {
    setInvoker(() => Promise.reject({ code: "malformed", message: "round.toml: line 3" }));
    const err = await invoke("round_overview", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).code).toBe("malformed");
    expect((err as BackendError).message).toBe("round.toml: line 3");
  });

  it("gives the library's Chinese sentence in the Chinese UI, and none where the shell has only English", () => {
    const e = toBackendError({ code: "tampered", message: "sheet: bad signature", message_zh: "评分表：签名不符", details: {} });
    expect(e.sentence("zh-CN")).toBe("评分表：签名不符");
    expect(e.sentence("en")).toBe("sheet: bad signature");
    const shell = toBackendError({ code: "internal", message: "boom", message_zh: "boom", details: {} });
    expect(shell.sentence("zh-CN")).toBe("");
    expect(shell.sentence("en")).toBe("boom");
  });

  it("reports anything else as an internal error", () => {
    expect(toBackendError("boom").code).toBe("internal");
    expect(toBackendError(new Error("x")).message).toBe("x");
    expect(toBackendError({ code: 3 }).code).toBe("internal");
  });
});
