// Evaluating a team: certifications grouped by holder, each holder's records gathered from the
// table, and holders replayed a chunk at a time on several threads, the results handed on in
// holder-name order so that the output is the same whatever the thread count.
#pragma once

#include "engine/team.hpp"

#include <vector>

namespace recert::engine {

// Where a chunk's results go: `sink` gets reports; or `format` turns them into text on the
// evaluating thread and `write` gets the texts (exactly one of sink and format is set).
struct BlockOutput {
    const ReportSink* sink = nullptr;
    const PartFormatter* format = nullptr;
    const TextSink* write = nullptr;
};

// Evaluates every holder's certifications and hands the results to `output` in holder-name
// order. Throws std::runtime_error when a record's key could not be worked out (its file changed
// while it was read): what was handed on before is right.
void evaluate_blocks(const Rules& rules, const std::vector<HeldCertification>& certifications,
                     const ActivityTable& table, const EvalOptions& options,
                     const BlockOutput& output);

} // namespace recert::engine
