"""Entry of Python runs (python3 cronium_main.py SCRIPT): runs the user's script as __main__
with the `cronium` helper module already in its globals, so that scripts need no import."""

import os
import runpy
import sys
import traceback

import cronium


def main():
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    # As if the script had been started directly: its own directory first on the import path.
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    try:
        runpy.run_path(script, init_globals={"cronium": cronium}, run_name="__main__")
    except cronium.CroniumError as error:
        print(f"cronium: {error}{_location(error.__traceback__, script)}", file=sys.stderr, flush=True)
        sys.exit(1)
    except Exception as error:  # noqa: BLE001 - reported like Python would, minus our frames
        traceback.print_exception(type(error), error, _user_frames(error.__traceback__, script))
        sys.exit(1)


def _user_frames(tb, script):
    """The traceback from the user's first frame on (runpy and this file are not theirs)."""
    start = tb
    while start is not None and start.tb_frame.f_code.co_filename != script:
        start = start.tb_next
    return start


def _location(tb, script):
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == script:
            line = tb.tb_lineno
        tb = tb.tb_next
    return f" (line {line})" if line else ""


if __name__ == "__main__":
    main()
