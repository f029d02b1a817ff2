"""Worker processes that die with the process that started them and need no `__main__` guard.

`WorkerPool` is a `ProcessPoolExecutor` on forkserver (spawn where there is
none): a forked copy of a process that holds threads (DuckDB, numba, a JVM)
can deadlock, so workers start from a clean server process instead.

Two things the standard pool does not do:

- **Die with the parent.** Each worker watches a pipe whose only writing end
  the parent holds; when the parent dies, even by SIGKILL, the kernel closes
  it and the worker exits at once, mid-task or idle. The standard pool's
  workers hold their own queues' writing ends and so wait forever, keeping the
  resource tracker alive too.
- **No `__main__` guard.** Forkserver and spawn re-run the parent's script in
  every worker (as `__mp_main__`) so that functions defined there can be
  unpickled; a script without `if __name__ == "__main__":` then runs its whole
  flow again in each worker and the pool breaks. The tasks sent here are
  recount's own functions, so workers are started as if the parent had no
  script: nothing of it is run again.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import types
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context

EXIT_PARENT_GONE = 70


def _context():
    return get_context("forkserver" if "forkserver" in get_all_start_methods() else "spawn")


class WorkerPool(ProcessPoolExecutor):
    """A process pool whose workers exit when this process ends, however it ends."""

    def __init__(self, max_workers: int):
        context = _context()
        reader, self._lifeline = context.Pipe(duplex=False)
        super().__init__(
            max_workers=max_workers,
            mp_context=context,
            initializer=_watch_parent,
            initargs=(reader,),
        )
        self._lifeline_reader = reader

    def submit(self, fn, /, *args, **kwargs):
        # workers are started inside submit(), so that is where the script is hidden
        with _script_hidden():
            return super().submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=wait, cancel_futures=cancel_futures)
        if wait:
            self._lifeline.close()
            self._lifeline_reader.close()


def _watch_parent(lifeline) -> None:
    """In each worker: a thread that ends the process when the parent's end of the pipe closes."""

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            lifeline.recv_bytes()
        os._exit(EXIT_PARENT_GONE)

    threading.Thread(target=watch, name="recount-parent-watch", daemon=True).start()


@contextlib.contextmanager
def _script_hidden():
    """While workers start, `__main__` is a bare module, so they import nothing of the script."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main
