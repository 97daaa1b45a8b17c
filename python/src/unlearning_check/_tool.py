"""Finding the unlearning-check binary and running it.

The tool is one self-contained executable. This module finds it (the ``tool``
argument, else ``$UNLEARNING_CHECK``, else ``unlearning-check`` on ``PATH``),
runs one command, and turns its documented exit codes into results or
exceptions:

- 0, 1, 2: the command ran; its JSON on standard output is the answer (1 and 2
  are verdicts: REFUTED or outside tolerance, INCONCLUSIVE or undecided);
- 64 usage, 65 bad input, 73 an output cannot be created, 74 an output cannot
  be written: :class:`UnlearningCheckError` with the tool's one-line message.
"""
import json
import os
import shutil
import subprocess

BUILD_HINT = (
    "build it from the repository with `swift build -c release` and put "
    "\"$(swift build -c release --show-bin-path)/unlearning-check\" on PATH, "
    "or set UNLEARNING_CHECK to its path"
)

EXIT_MEANINGS = {
    64: "usage error",
    65: "bad input data",
    73: "an output cannot be created",
    74: "an output cannot be written",
}


class ToolNotFound(FileNotFoundError):
    """The unlearning-check binary is not where it was looked for."""


class UnlearningCheckError(RuntimeError):
    """The tool refused the request or failed: its exit code and its message."""

    def __init__(self, exit_code, message, command):
        self.exit_code = exit_code
        self.message = message
        self.command = list(command)
        meaning = EXIT_MEANINGS.get(exit_code, "unexpected exit status")
        super().__init__("unlearning-check %s (exit %d): %s" % (meaning, exit_code, message))


def find_tool(tool=None):
    """The path of the binary: ``tool``, else ``$UNLEARNING_CHECK``, else ``PATH``."""
    if tool is not None:
        source = "the tool argument"
    elif os.environ.get("UNLEARNING_CHECK"):
        tool, source = os.environ["UNLEARNING_CHECK"], "UNLEARNING_CHECK"
    else:
        found = shutil.which("unlearning-check")
        if found is None:
            raise ToolNotFound("unlearning-check is not on PATH and UNLEARNING_CHECK is not set: " + BUILD_HINT)
        return found
    path = os.fspath(tool)
    if os.sep not in path:
        resolved = shutil.which(path)
        if resolved is not None:
            return resolved
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise ToolNotFound("%s names %r, which is not an executable file: %s" % (source, path, BUILD_HINT))
    return path


def run_json(tool, arguments, timeout=None, accepted=(0, 1, 2)):
    """Runs ``tool arguments… --format json`` and returns (exit code, document, command).

    Raises :class:`UnlearningCheckError` for an exit code outside ``accepted``
    or an answer that is not JSON.
    """
    command = [find_tool(tool)] + [str(a) for a in arguments] + ["--format", "json"]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    message = completed.stderr.strip().splitlines()
    line = message[-1] if message else "(no message)"
    if line.startswith("unlearning-check: error: "):
        line = line[len("unlearning-check: error: "):]
    if completed.returncode not in accepted:
        raise UnlearningCheckError(completed.returncode, line, command)
    try:
        document = json.loads(completed.stdout)
    except ValueError:
        raise UnlearningCheckError(completed.returncode, "the answer is not JSON: " + line, command) from None
    return completed.returncode, document, command
