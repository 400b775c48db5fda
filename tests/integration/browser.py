#!/usr/bin/env python3
"""Drives headless Chromium through the DevTools protocol over a pipe (--remote-debugging-pipe),
with the Python standard library only (no network, nothing to install besides Chromium).

Usage: browser.py CHROMIUM PROFILE_DIR < plan.json > results.json

The plan is a JSON list of steps, run in order in one tab:
  {"goto": URL}          load the page anew and wait for the load event and `window.pactnet.ready`
  {"eval": EXPRESSION}   evaluate (promises awaited); its value (JSON) is appended to "values"
The result is {"values": [...], "console": [messages of level error or warning, and uncaught
exceptions], "requests": [URLs the page asked for]}.
"""
import fcntl
import json
import os
import select
import subprocess
import sys
import time


def main():
    chromium, profile = sys.argv[1], sys.argv[2]
    plan = json.load(sys.stdin)
    # Chromium reads commands on fd 3 and writes replies on fd 4.
    to_chrome_r, to_chrome_w = os.pipe()
    from_chrome_r, from_chrome_w = os.pipe()
    # Move the child's ends above 9, so that putting them on 3 and 4 never clobbers one another.
    moved = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chrome_r, from_chrome_w)]
    os.close(to_chrome_r)
    os.close(from_chrome_w)
    to_chrome_r, from_chrome_w = moved

    # bash (dash takes one-digit fds only) moves the pipe ends to fds 3 and 4 (subprocess would close them after a preexec_fn).
    redirect = f'exec "$0" "$@" 3<&{to_chrome_r} 4>&{from_chrome_w} {to_chrome_r}<&- {from_chrome_w}>&-'
    proc = subprocess.Popen(
        ["bash", "-c", redirect, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-quic", "--window-size=1280,800", "--user-data-dir=" + profile,
         "--remote-debugging-pipe", "about:blank"],
        pass_fds=(to_chrome_r, from_chrome_w), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(to_chrome_r)
    os.close(from_chrome_w)
    out = os.fdopen(to_chrome_w, "wb", buffering=0)
    inp = os.fdopen(from_chrome_r, "rb", buffering=0)
    buf = bytearray()
    events = []
    next_id = [0]

    def read_message(deadline):
        while b"\0" not in buf:
            if time.time() > deadline:
                raise TimeoutError("no reply from Chromium")
            ready, _, _ = select.select([inp], [], [], max(deadline - time.time(), 0))
            if not ready:
                continue
            chunk = inp.read(65536)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            buf.extend(chunk)
        i = buf.index(b"\0")
        msg = json.loads(bytes(buf[:i]))
        del buf[: i + 1]
        return msg

    def send(method, params=None, session=None, timeout=60):
        next_id[0] += 1
        mid = next_id[0]
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        out.write(json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = read_message(deadline)
            if m.get("id") == mid:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            events.append(m)

    def wait_event(name, session, timeout=60):
        deadline = time.time() + timeout
        while True:
            for k, e in enumerate(events):
                if e.get("method") == name and e.get("sessionId") == session:
                    del events[k]
                    return e
            events.append(read_message(deadline))

    result = {"values": [], "console": [], "requests": []}
    try:
        target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ["Page", "Runtime", "Log", "Network"]:
            send(domain + ".enable", session=session)

        def evaluate(expr):
            r = send("Runtime.evaluate", {"expression": expr, "awaitPromise": True, "returnByValue": True},
                     session=session)
            if "exceptionDetails" in r:
                raise RuntimeError(f"{expr}: {r['exceptionDetails']}")
            return r["result"].get("value")

        for step in plan:
            if "goto" in step:
                # Through about:blank, so that a URL differing only in its fragment loads anew.
                send("Page.navigate", {"url": "about:blank"}, session=session)
                wait_event("Page.loadEventFired", session)
                send("Page.navigate", {"url": step["goto"]}, session=session)
                wait_event("Page.loadEventFired", session)
                evaluate("new Promise((ok, fail) => { const t0 = Date.now(); (function poll() {"
                         " if (window.pactnet && window.pactnet.ready) ok(true);"
                         " else if (Date.now() - t0 > 20000) fail('page not ready');"
                         " else setTimeout(poll, 10); })(); })")
            else:
                result["values"].append(evaluate(step["eval"]))
    finally:
        for e in events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                result["console"].append(" ".join(str(a.get("value", a.get("description"))) for a in p.get("args", [])))
            elif m == "Runtime.exceptionThrown":
                result["console"].append(json.dumps(p.get("exceptionDetails", {}))[:500])
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                result["console"].append(p["entry"].get("text", ""))
            elif m == "Network.requestWillBeSent":
                result["requests"].append(p.get("request", {}).get("url", ""))
        try:
            out.write(json.dumps({"id": 999999, "method": "Browser.close"}).encode() + b"\0")
        except OSError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
