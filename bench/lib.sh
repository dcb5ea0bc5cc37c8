# Sourced by the bench/*.sh scripts (not run on its own): what every one of them does the same way.
# Expects the caller to have cd'ed to the repository root.

# The machine a figure was measured on, for the text: "2 CPUs: AMD EPYC …, 1-minute load average 0.42".
# The load is the one-minute average at the moment of the call (call it before the measurement).
bench_machine() {
  printf '%s CPUs: %s, 1-minute load average %s' "$(nproc)" \
    "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" "$(cut -d' ' -f1 /proc/loadavg)"
}

# write_performance_section NAME TEXT: puts TEXT into docs/performance.md between
#   <!-- BEGIN NAME (written by bench/<calling script>; do not edit by hand) -->  and  <!-- END NAME -->
# replacing what was there (or appending it, creating the file when missing), then prints it.
write_performance_section() {
  local name="$1" text="$2" doc="docs/performance.md"
  local script
  script="$(basename "${BASH_SOURCE[1]}")"
  local section="<!-- BEGIN $name (written by bench/$script; do not edit by hand) -->
$text
<!-- END $name -->"
  [ -f "$doc" ] || printf '# Performance\n\nMeasured figures, each section written by the bench/ script it names.\n' >"$doc"
  python3 - "$doc" "$name" "$section" <<'PY'
import re, sys
path, name, section = sys.argv[1:4]
text = open(path, encoding="utf-8").read()
pattern = re.compile(r"<!-- BEGIN " + re.escape(name) + r"\b.*?<!-- END " + re.escape(name) + r" -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
  printf '%s\n' "$section"
}
