"""Exit 1 unless both results have the same units and warnings."""
import json
import sys

a, b = (json.load(open(name)) for name in sys.argv[1:3])
same = a["units"] == b["units"] and a["warnings"] == b["warnings"]
print("units and warnings: %s" % ("the same" if same else "DIFFERENT"))
sys.exit(0 if same else 1)
