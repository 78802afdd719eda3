#include "engine/schedule.hpp"

#include "engine/compiled.hpp"
#include "engine/replay.hpp"
#include "table/activity_table.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>

namespace recert::engine {

namespace {

// Runs part(t, from, to) on each thread's share of [0, n), share 0 on the calling thread.
template <class Part> void in_parallel(unsigned threads, std::size_t n, const Part& part) {
    auto share = [&](unsigned t) { part(t, n * t / threads, n * (t + 1) / threads); };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(share, t);
    share(0);
    for (auto& th : pool) th.join();
}

// The certifications by holder, in holder-name order (the output's order): holder k owns
// held(first(k)) .. held(first(k + 1) - 1). A team's file usually is sorted already; then held(i)
// is certification i, and no array of pointers is built (at 10M rows, 16 MB of memory touched
// for the first time).
class HolderGroups {
  public:
    explicit HolderGroups(const std::vector<HeldCertification>& certifications)
        : certifications_(certifications) {
        first_.reserve(certifications.size() + 1); // no copies as it grows
        if (!find_firsts()) {
            sorted_.reserve(certifications.size());
            for (const auto& h : certifications) sorted_.push_back(&h);
            std::stable_sort(sorted_.begin(), sorted_.end(),
                             [](const HeldCertification* a, const HeldCertification* b) {
                                 return a->holder < b->holder;
                             });
            find_firsts();
        }
        holders_ = first_.size();
        first_.push_back(static_cast<std::uint32_t>(certifications.size()));
    }
    std::size_t holders() const { return holders_; }
    const HeldCertification* held(std::size_t i) const {
        return sorted_.empty() ? &certifications_[i] : sorted_[i];
    }
    std::size_t first(std::size_t k) const { return first_[k]; }
    const std::string& name(std::size_t k) const { return held(first_[k])->holder; }

  private:
    bool find_firsts() { // false: not sorted
        first_.clear();
        for (std::size_t i = 0; i < certifications_.size(); ++i) {
            const int c = i == 0 ? 1 : held(i)->holder.compare(held(i - 1)->holder);
            if (c < 0) return false;
            if (c > 0) first_.push_back(static_cast<std::uint32_t>(i));
        }
        return true;
    }
    const std::vector<HeldCertification>& certifications_;
    std::vector<const HeldCertification*> sorted_; // only when the input is not in holder order
    std::vector<std::uint32_t> first_;
    std::size_t holders_ = 0;
};

// Each holder's records up to the as-of date (repeats of an explicit id left out), in input
// order: holder k's are record(first(k)) .. record(first(k + 1) - 1). Activities of anyone who
// holds no certification are not gathered. A counting sort, every pass on every thread: each
// thread counts its share of the records, and thread t's records of a holder go after those of
// threads before it. (These arrays are written at scattered places: huge pages where available
// spare the address translations.)
class RecordsByHolder {
  public:
    RecordsByHolder(const ActivityTable& table, const HolderGroups& groups, Date as_of,
                    unsigned threads) {
        const std::size_t holders = groups.holders();
        // each record's holder slot
        BigVector<std::int32_t> slot_of(table.holders().size(), -1);
        in_parallel(threads, holders, [&](unsigned, std::size_t from, std::size_t to) {
            auto name = [&](std::size_t k) -> const std::string& { return groups.name(k); };
            table.holders().ahead(from, to, name, [&](std::size_t k, std::uint64_t h) {
                if (auto t = table.holders().find(name(k), h))
                    slot_of[*t] = static_cast<std::int32_t>(k);
            });
        });
        auto slot = [&](const ActivityRecord& r) {
            return r.date <= as_of.days && !(r.flags & ActivityRecord::kRepeat) ? slot_of[r.holder]
                                                                                : -1;
        };
        std::vector<BigVector<std::uint32_t>> counts(threads, BigVector<std::uint32_t>(holders, 0));
        in_parallel(threads, table.size(), [&](unsigned t, std::size_t from, std::size_t to) {
            std::uint32_t* count = counts[t].data();
            table.for_each(from, to, [&](std::size_t, const ActivityRecord& r) {
                if (const std::int32_t k = slot(r); k >= 0) ++count[k];
            });
        });
        first_.assign(holders + 1, 0);
        for (std::size_t k = 0; k < holders; ++k) {
            std::uint32_t at = first_[k];
            for (auto& count : counts) { // each thread's first place for this holder
                const std::uint32_t n = count[k];
                count[k] = at;
                at += n;
            }
            first_[k + 1] = at;
        }
        order_.resize(first_.back());
        in_parallel(threads, table.size(), [&](unsigned t, std::size_t from, std::size_t to) {
            std::uint32_t* fill = counts[t].data();
            table.for_each(from, to, [&](std::size_t i, const ActivityRecord& r) {
                if (const std::int32_t k = slot(r); k >= 0)
                    order_[fill[k]++] = static_cast<std::uint32_t>(i);
            });
        });
    }
    std::size_t first(std::size_t k) const { return first_[k]; }
    std::uint32_t record(std::size_t j) const { return order_[j]; }
    std::span<const std::uint32_t> of(std::size_t k) const {
        return {order_.data() + first_[k], order_.data() + first_[k + 1]};
    }

  private:
    std::vector<std::uint32_t> first_;
    BigVector<std::uint32_t> order_;
};

// A worker's buffers, reused from holder to holder. One per thread: never shared, and on cache
// lines of its own (the vectors' ends change with every holder).
struct alignas(64) WorkerScratch {
    std::vector<std::size_t> acts;              // the holder's records in the engine's order
    std::vector<std::int32_t> days;             // their days
    std::vector<std::uint64_t> keys;            // the keys of one day's records
    std::vector<const HeldCertification*> held; // the holder's certifications
    std::vector<CertReport> formatted;          // a chunk's reports until they are text
    ReplayScratch replay;
};

// A holder's records (`records`, in input order) in the engine's fixed order whatever the input
// order: the day each counts as of `as_of` (docs/semantics.md §3a), then id, then input order; the
// same id twice on a day counts once, the first in input order. Into scratch.acts, and their days
// into scratch.days. A holder has few records, so stable insertion sorts, which allocate nothing.
void order_holder_records(const ActivityTable& table, std::span<const std::uint32_t> records,
                          Date as_of, WorkerScratch& scratch) {
    auto& acts = scratch.acts;
    auto& dates = scratch.days;
    auto& keys = scratch.keys;
    acts.assign(records.begin(), records.end());
    dates.clear(); // acts[i]'s date, sorted along
    for (std::size_t i : acts) dates.push_back(table[i].count_day(as_of));
    // first by date
    for (std::size_t i = 1; i < acts.size(); ++i) {
        const std::size_t v = acts[i];
        const std::int32_t vd = dates[i];
        std::size_t j = i;
        for (; j > 0 && dates[j - 1] > vd; --j) {
            acts[j] = acts[j - 1];
            dates[j] = dates[j - 1];
        }
        acts[j] = v;
        dates[j] = vd;
    }
    // then the records of one day by id, each key asked for once (a record read from a file may
    // have to be read again for it)
    std::size_t kept = 0;
    for (std::size_t from = 0, to; from < acts.size(); from = to) {
        for (to = from + 1; to < acts.size() && dates[to] == dates[from];) ++to;
        if (to - from == 1) {
            dates[kept] = dates[from];
            acts[kept++] = acts[from];
            continue;
        }
        keys.clear();
        for (std::size_t i = from; i < to; ++i) keys.push_back(table.key(acts[i]));
        for (std::size_t i = from + 1; i < to; ++i) {
            const std::size_t v = acts[i];
            const std::uint64_t kv = keys[i - from];
            std::size_t j = i;
            for (; j > from && table.id_less(v, kv, acts[j - 1], keys[j - 1 - from]); --j) {
                acts[j] = acts[j - 1];
                keys[j - from] = keys[j - 1 - from];
            }
            acts[j] = v;
            keys[j - from] = kv;
        }
        const std::size_t run = kept; // where this day's records go
        for (std::size_t i = from; i < to; ++i)
            if (kept == run ||
                !table.same_id(acts[kept - 1], keys[kept - 1 - run], acts[i], keys[i - from])) {
                dates[kept] = dates[i];
                keys[kept - run] = keys[i - from];
                acts[kept++] = acts[i];
            }
    }
    acts.resize(kept);
    dates.resize(kept);
}

// Holders in name order, a chunk at a time. Each thread takes the next chunk nobody has taken
// yet, so a thread held up (a virtual CPU stopped by the host, a chunk of holders with many
// records) does not keep the others waiting at a barrier. The calling thread hands the chunks on
// to the output in order, so the output is the same whatever the thread count. At most `window`
// chunks are between taken and handed on: bounded memory.
class ChunkPipeline {
  public:
    static constexpr std::size_t kChunk = 256;

    ChunkPipeline(const ReplayContext& ctx, const HolderGroups& groups,
                  const RecordsByHolder& records, const BlockOutput& output, unsigned threads)
        : ctx_(ctx), groups_(groups), records_(records), output_(output), threads_(threads),
          chunks_((groups.holders() + kChunk - 1) / kChunk), window_(4 * std::size_t{threads}),
          slots_(window_), scratch_(threads) {}

    void run() {
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads_ && t < chunks_; ++t)
            pool.emplace_back([this, t] { help(scratch_[t]); });
        for (std::size_t c; (c = next_.fetch_add(1, std::memory_order_relaxed)) < chunks_;) {
            hand_on(c + 1 > window_ ? c + 1 - window_ : 0, false);
            evaluate_chunk(c, scratch_[0]);
            hand_on(chunks_, true);
        }
        hand_on(chunks_, false);
        for (auto& th : pool) th.join();
    }

  private:
    // a chunk's reports and text, on cache lines of their own: side by side, every report added
    // and every piece of text appended moved the line holding two threads' ends between the cores
    struct alignas(64) Slot {
        std::vector<CertReport> part; // without `format`
        std::string text;
        std::atomic<std::size_t> done{SIZE_MAX}; // the chunk whose results are in this slot
    };

    void evaluate_holder(std::size_t k, WorkerScratch& scratch, std::vector<CertReport>& out) {
        order_holder_records(ctx_.table, records_.of(k), ctx_.options.as_of, scratch);
        scratch.held.clear();
        for (std::size_t j = groups_.first(k); j < groups_.first(k + 1); ++j)
            scratch.held.push_back(groups_.held(j));
        replay_holder(ctx_, scratch.acts, scratch.days, scratch.held, scratch.replay, out);
    }

    void evaluate_chunk(std::size_t c, WorkerScratch& scratch) {
        Slot& s = slots_[c % window_];
        // with `format`, the reports are text before the next chunk: a buffer of the worker's
        std::vector<CertReport>& part = output_.format ? scratch.formatted : s.part;
        const std::size_t last = std::min(groups_.holders(), (c + 1) * kChunk);
        for (std::size_t i = c * kChunk; i < last; ++i) {
            // the next holder's records are scattered through the table, and its certifications
            // were last seen long ago: ask for them now
            if (i + 1 < last) {
                for (std::size_t j = records_.first(i + 1); j < records_.first(i + 2); ++j)
                    __builtin_prefetch(&ctx_.table[records_.record(j)]);
                for (std::size_t j = groups_.first(i + 1); j < groups_.first(i + 2); ++j)
                    __builtin_prefetch(groups_.held(j));
            }
            evaluate_holder(i, scratch, part);
        }
        if (output_.format) {
            s.text.clear();
            (*output_.format)(part, s.text);
            part.clear();
        }
        s.done.store(c, std::memory_order_release);
        s.done.notify_all();
    }

    // (the calling thread only) hands on the chunks before `until`, waiting for each to be done;
    // with `ready`, stops at the first one not done yet instead
    void hand_on(std::size_t until, bool ready) {
        for (std::size_t h = handed_.load(std::memory_order_relaxed); h < until; ++h) {
            Slot& s = slots_[h % window_];
            for (std::size_t d = s.done.load(std::memory_order_acquire); d != h;
                 d = s.done.load(std::memory_order_acquire)) {
                if (ready) return;
                s.done.wait(d, std::memory_order_acquire);
            }
            // once a record's key could not be worked out (its file changed while read),
            // nothing more is handed on: what was is right, and the run ends with the problem
            stopped_ = stopped_ || ctx_.table.key_problem();
            if (stopped_) {
                s.part.clear();
            } else if (output_.format) {
                (*output_.write)(s.text);
            } else {
                (*output_.sink)(s.part);
                s.part.clear();
            }
            handed_.store(h + 1, std::memory_order_release);
            handed_.notify_all();
        }
    }

    // a pool thread: takes chunks until none is left
    void help(WorkerScratch& scratch) {
        for (std::size_t c; (c = next_.fetch_add(1, std::memory_order_relaxed)) < chunks_;) {
            // chunk c's slot is free once chunk c - window is handed on
            for (std::size_t h = handed_.load(std::memory_order_acquire); h + window_ <= c;
                 h = handed_.load(std::memory_order_acquire))
                handed_.wait(h, std::memory_order_acquire);
            evaluate_chunk(c, scratch);
        }
    }

    const ReplayContext& ctx_;
    const HolderGroups& groups_;
    const RecordsByHolder& records_;
    const BlockOutput& output_;
    const unsigned threads_;
    const std::size_t chunks_;
    const std::size_t window_;
    std::vector<Slot> slots_;
    std::vector<WorkerScratch> scratch_; // one per worker
    std::atomic<std::size_t> next_{0};   // the next chunk to take
    std::atomic<std::size_t> handed_{0}; // chunks before this one are handed on
    bool stopped_ = false;
};

// Threads for the replay: as asked, else up to four for a team of 2,048 holders or more.
unsigned replay_threads(const EvalOptions& options, std::size_t holders) {
    if (options.threads > 0) return options.threads;
    return holders >= 2048 ? std::max(1u, std::min(4u, std::thread::hardware_concurrency())) : 1;
}

} // namespace

void evaluate_blocks(const Rules& rules, const std::vector<HeldCertification>& certifications,
                     const ActivityTable& table, const EvalOptions& options,
                     const BlockOutput& output) {
    const Compiled compiled(rules);
    const HolderGroups groups(certifications);
    const unsigned threads = replay_threads(options, groups.holders());
    const RecordsByHolder records(table, groups, options.as_of, threads);
    const ReplayContext ctx{rules, compiled, table, options};
    ChunkPipeline(ctx, groups, records, output, threads).run();
    if (auto why = table.key_problem()) throw std::runtime_error(*why);
}

} // namespace recert::engine
