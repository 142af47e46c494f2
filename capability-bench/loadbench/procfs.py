"""A process tree's CPU time and a process's RSS, from /proc (proc(5))."""
import os

PROC = "/proc"
MAX_TREE = 10000  # a bound on the walk, should the ppid links ever loop


def parse_stat(line):
    """(pid, ppid, utime+stime+cutime+cstime) of a /proc/PID/stat line."""
    pid = int(line.split(" ", 1)[0])
    # After the command name, which may hold spaces and parentheses: field 3 (state) on.
    fields = line.rsplit(") ", 1)[1].split()
    return pid, int(fields[1]), sum(int(f) for f in fields[11:15])


def scan(proc=PROC):
    """One pass over proc/*/stat: (children by ppid, clock ticks by pid)."""
    kids, ticks = {}, {}
    for entry in os.listdir(proc):
        if not entry.isdigit():
            continue
        try:
            with open(os.path.join(proc, entry, "stat")) as f:
                pid, ppid, used = parse_stat(f.readline())
        except (OSError, ValueError, IndexError):
            continue  # gone since listdir, or unreadable
        kids.setdefault(ppid, []).append(pid)
        ticks[pid] = used
    return kids, ticks


def tree(root, kids):
    """The pids of root's process tree, root first, breadth first."""
    pids = [root]
    i = 0
    while i < len(pids) and i < MAX_TREE:
        pids += kids.get(pids[i], [])
        i += 1
    return pids


def tree_ticks(root, proc=PROC):
    """CPU clock ticks used so far by root and every process under it, live or reaped: a
    reaped child's time is in its parent's cutime and cstime."""
    kids, ticks = scan(proc)
    return sum(ticks.get(pid, 0) for pid in tree(root, kids))


def parse_rss(status):
    """VmRSS in kB from the text of /proc/PID/status; None if it has none (a kernel thread,
    a zombie)."""
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None


def rss_kb(pid, proc=PROC):
    try:
        with open(os.path.join(proc, str(pid), "status")) as f:
            return parse_rss(f.read())
    except OSError:
        return None
