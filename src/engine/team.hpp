// Evaluating a team whose activities are in an activity table (the CLI's path for every command):
// reports handed on a block of holders at a time, or formatted by the threads that evaluate them.
#pragma once

#include "recert/engine.hpp"

#include <functional>
#include <string>
#include <vector>

namespace recert {

class ActivityTable;

// Evaluates every holder's certifications against the activities. The reports reach `sink` a
// block of holders at a time, in holder-name order (the order of Report::certifications).
using ReportSink = std::function<void(std::vector<CertReport>& block)>;
void evaluate(const Rules& rules, const std::vector<HeldCertification>& certifications,
              const ActivityTable& activities, const EvalOptions& options, const ReportSink& sink);
// The same for text output: each thread formats its share of a block as soon as it has evaluated
// it (`format`, called in parallel on disjoint parts), and `write` gets the texts in holder-name
// order, so the output is the same whatever the thread count.
using PartFormatter = std::function<void(std::vector<CertReport>& part, std::string& out)>;
using TextSink = std::function<void(const std::string& text)>;
void evaluate(const Rules& rules, const std::vector<HeldCertification>& certifications,
              const ActivityTable& activities, const EvalOptions& options,
              const PartFormatter& format, const TextSink& write);
Report evaluate(const Rules& rules, const std::vector<HeldCertification>& certifications,
                const ActivityTable& activities, const EvalOptions& options);

} // namespace recert
