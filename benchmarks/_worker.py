"""Both halves of the benchmark worker protocol: a worker process that times its own work on request.

A worker (``numpy_epoch.py``, ``torch_epoch.py``) reads one JSON request per line on stdin,
``{"cmd": name, ...arguments}``, runs ``handlers[name](**arguments)`` and writes its JSON reply on one
line of stdout (an exception becomes ``{"error": traceback}``); ``{"cmd": "quit"}`` or the end of stdin
ends it. The worker measures its own times (``time.perf_counter`` around the work only), so the pipe's
latency never enters a measurement. :class:`Worker` is the other end, used by ``run.py``: it starts
the process with the thread settings of the comparison and sends requests one at a time, so two
workers take turns and never compute at the same moment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import traceback

#: The environment variables that fix the number of threads of each library's thread pool.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def serve(handlers: dict) -> None:
    """The worker's loop: answer requests from stdin until "quit" or the end of stdin."""
    for line in sys.stdin:
        request = json.loads(line)
        cmd = request.pop("cmd")
        if cmd == "quit":
            break
        try:
            reply = handlers[cmd](**request)
        except Exception:  # noqa: BLE001 - reported to run.py, which raises it there
            reply = {"error": traceback.format_exc()}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


class WorkerError(RuntimeError):
    """A worker failed (its traceback is the message) or ended before replying."""


class Worker:
    """A worker process: ``Worker(python, script, threads)``, then ``call(cmd, **arguments)`` -> its reply."""

    def __init__(self, python: str, script, threads: int):
        env = dict(os.environ, PYTHONUNBUFFERED="1", BENCH_THREADS=str(threads))
        env.update({name: str(threads) for name in THREAD_VARIABLES})
        self.name = os.path.basename(str(script))
        self.process = subprocess.Popen(
            [python, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True
        )

    def call(self, cmd: str, **arguments) -> dict:
        self.process.stdin.write(json.dumps({"cmd": cmd, **arguments}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise WorkerError(f"{self.name} ended (exit code {self.process.wait()}) before answering {cmd!r}")
        reply = json.loads(line)
        if "error" in reply:
            raise WorkerError(f"{self.name}, {cmd!r}:\n{reply['error']}")
        return reply

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.write(json.dumps({"cmd": "quit"}) + "\n")
                self.process.stdin.close()
                self.process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
