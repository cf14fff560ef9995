# Labs: student trees generated from this tree, and the grader.
# Included by the top-level Makefile (docs/labs/README.md).
#
#   make labs                      the labs, one line each
#   make lab LAB=name [DEST=dir]   write lab name's student tree (build/labs/name)
#   make grade [LAB=name]          grade (a student tree: its lab and those before it)
#                                  GRADE_JSON=file also writes the result as JSON

LAB ?=
DEST ?= $(BUILD)/labs/$(LAB)
GRADE_JSON ?=

.PHONY: labs lab grade

labs:
	@$(PYTHON) tools/mklab.py --list

lab:
	@test -n "$(LAB)" || { echo "usage: make lab LAB=name [DEST=dir]  (make labs lists them)"; exit 2; }
	$(PYTHON) tools/mklab.py $(LAB) --dest $(DEST)

grade: deps-check
	$(MAKE) all
	PAGODA_BUILD=$(abspath $(BUILD)) $(PYTHON) tools/grade.py $(if $(LAB),--lab $(LAB)) \
		$(if $(GRADE_JSON),--json $(GRADE_JSON))

# In a student tree (.pagoda-lab), a static helper that only the cut-out
# solution called is reported but does not stop the build: calling it is
# part of the lab (docs/labs/README.md, "Markers").
ifneq ($(wildcard .pagoda-lab),)
$(BUILD)/obj/%.o: CFLAGS += -Wno-error=unused-function
endif
