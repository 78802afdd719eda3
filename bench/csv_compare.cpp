// bench/csv_compare: recert's CSV reader against Debian's libcsv on the same file.
//
//   csv_compare FILE [REPEATS]
//
// Both read the file through a 64 KiB buffer and count records and fields; prints the median
// wall time of each over REPEATS runs (default 5) and the ratio. recert is timed twice: reading
// CsvRows (fields as views into the buffer, as the input loaders do) and CsvRecords (every field
// copied into a std::string).
#include "input/csv.hpp"

#include <csv.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace {

struct Counts {
    long records = 0;
    long fields = 0;
    long bytes = 0;
};

Counts run_recert(const char* path) {
    Counts c;
    const int fd = ::open(path, O_RDONLY);
    recert::CsvReader reader(fd);
    recert::CsvRow row;
    while (reader.next(row)) {
        ++c.records;
        c.fields += static_cast<long>(row.size());
        for (std::size_t i = 0; i < row.size(); ++i) c.bytes += static_cast<long>(row[i].size());
    }
    ::close(fd);
    return c;
}

Counts run_recert_records(const char* path) {
    Counts c;
    const int fd = ::open(path, O_RDONLY);
    recert::CsvReader reader(fd);
    recert::CsvRecord rec;
    while (reader.next(rec)) {
        ++c.records;
        c.fields += static_cast<long>(rec.size());
        for (const auto& f : rec.fields) c.bytes += static_cast<long>(f.value.size());
    }
    ::close(fd);
    return c;
}

void on_field(void* s, size_t len, void* data) {
    auto* c = static_cast<Counts*>(data);
    ++c->fields;
    c->bytes += static_cast<long>(len);
    (void)s;
}
void on_record(int, void* data) {
    ++static_cast<Counts*>(data)->records;
}

Counts run_libcsv(const char* path) {
    Counts c;
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_APPEND_NULL);
    const int fd = ::open(path, O_RDONLY);
    std::vector<char> buf(1 << 16);
    ssize_t n;
    while ((n = ::read(fd, buf.data(), buf.size())) > 0)
        if (csv_parse(&p, buf.data(), static_cast<size_t>(n), on_field, on_record, &c) !=
            static_cast<size_t>(n)) {
            std::fprintf(stderr, "libcsv: %s\n", csv_strerror(csv_error(&p)));
            break;
        }
    csv_fini(&p, on_field, on_record, &c);
    csv_free(&p);
    ::close(fd);
    return c;
}

template <class F> double median_seconds(F f, int repeats, Counts& counts) {
    std::vector<double> t;
    for (int i = 0; i < repeats; ++i) {
        const auto a = std::chrono::steady_clock::now();
        counts = f();
        t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: csv_compare FILE [REPEATS]\n");
        return 2;
    }
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
    Counts a, b, r;
    // interleave so that all see the same machine load
    std::vector<double> ta, tb, tr;
    for (int i = 0; i < repeats; ++i) {
        ta.push_back(median_seconds([&] { return run_recert(argv[1]); }, 1, a));
        tb.push_back(median_seconds([&] { return run_libcsv(argv[1]); }, 1, b));
        tr.push_back(median_seconds([&] { return run_recert_records(argv[1]); }, 1, r));
    }
    std::sort(ta.begin(), ta.end());
    std::sort(tb.begin(), tb.end());
    std::sort(tr.begin(), tr.end());
    const double ma = ta[ta.size() / 2], mb = tb[tb.size() / 2], mr = tr[tr.size() / 2];
    std::printf("%-10s %10s %12s %14s %10s\n", "reader", "records", "fields", "median (s)", "MB/s");
    const long size = [&] {
        FILE* f = std::fopen(argv[1], "rb");
        std::fseek(f, 0, SEEK_END);
        const long s = std::ftell(f);
        std::fclose(f);
        return s;
    }();
    std::printf("%-10s %10ld %12ld %14.3f %10.1f\n", "recert", a.records, a.fields, ma,
                size / 1e6 / ma);
    std::printf("%-10s %10ld %12ld %14.3f %10.1f\n", "libcsv", b.records, b.fields, mb,
                size / 1e6 / mb);
    std::printf("%-10s %10ld %12ld %14.3f %10.1f\n", "recert-rec", r.records, r.fields, mr,
                size / 1e6 / mr);
    std::printf("recert / libcsv time ratio: %.2f (over %d runs each, medians)\n", ma / mb,
                repeats);
    return a.records == b.records && a.fields == b.fields && a.bytes == r.bytes &&
                   r.records == b.records && r.fields == b.fields
               ? 0
               : 1;
}
