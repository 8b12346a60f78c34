"""Progress towards accreditation: requirement files (the model, finding and reading them, the
ones shipped in builtin/), the measures balint counts, the windows a rule is counted in, and
a leader's standing on each rule. May import core, fs and logbook's tallies."""
