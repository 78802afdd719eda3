// The streaming CSV reader on arbitrary bytes, with ',' and ';' delimiters, from memory and from a
// file descriptor (a pipe, so that records straddle the 64 KiB buffer fills).
#include "fuzz_common.hpp"
#include "input/csv.hpp"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

using namespace recert;

namespace {

void check_record(const CsvRecord& r) {
    if (r.line < 1) fuzz::fail("record line < 1");
    for (const auto& f : r.fields)
        if (f.line < r.line || f.column < 1) fuzz::fail("field position before its record");
}

// Reads every record; keeps a copy of each in `out`.
std::size_t read_all(CsvReader& reader, std::size_t limit, std::vector<CsvRecord>* out = nullptr) {
    CsvRecord record;
    std::size_t records = 0;
    int last_line = 0;
    while (reader.next(record)) {
        check_record(record);
        if (record.line < last_line) fuzz::fail("records went backwards");
        last_line = record.line;
        if (reader.bytes_read() > limit) fuzz::fail("bytes_read beyond the input");
        ++records;
        if (out) out->push_back(record);
    }
    for (const auto& e : reader.errors())
        if (e.message.empty()) fuzz::fail("empty error message");
    return records;
}

// Fails unless two readings gave the same records (values, positions, dropped fields) and the
// same number of errors; `what` names the two.
void same_records(const std::vector<CsvRecord>& a, const std::vector<CsvRecord>& b,
                  const CsvReader& reader_a, const CsvReader& reader_b, const std::string& what) {
    if (a.size() != b.size()) fuzz::fail((what + " disagree on the number of records").c_str());
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].line != b[i].line || a[i].size() != b[i].size())
            fuzz::fail((what + " disagree on a record").c_str());
        for (std::size_t f = 0; f < a[i].size(); ++f) {
            const CsvField& x = a[i].fields[f];
            const CsvField& y = b[i].fields[f];
            if (x.value != y.value || x.line != y.line || x.column != y.column ||
                x.dropped != y.dropped)
                fuzz::fail((what + " disagree on a field").c_str());
        }
    }
    if (reader_a.errors().size() != reader_b.errors().size())
        fuzz::fail((what + " disagree on the errors").c_str());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > fuzz::kMaxInput) return -1;
    const std::string_view text = fuzz::as_text(data, size);

    CsvReader comma(text, ',');
    std::vector<CsvRecord> memory_records;
    read_all(comma, size, &memory_records);
    CsvReader semicolon(text, ';');
    read_all(semicolon, size);

    // Whole-line reading of simple records must give what the field-by-field scan gives.
    CsvReader general(text, ',');
    general.general_scan_only();
    std::vector<CsvRecord> general_records;
    read_all(general, size, &general_records);
    same_records(memory_records, general_records, comma, general,
                 "whole-line and field-by-field reading");
    for (std::size_t i = 0; i < general.errors().size(); ++i)
        if (general.errors()[i].line != comma.errors()[i].line ||
            general.errors()[i].column != comma.errors()[i].column ||
            general.errors()[i].message != comma.errors()[i].message)
            fuzz::fail("whole-line and field-by-field reading disagree on an error");

    // The same text through a pipe (with the first bytes given as already read, like the CLI's
    // sniffing): the reader must see the same records as from memory.
    const std::size_t head = size < 7 ? size : 7;
    int fds[2];
    if (pipe(fds) != 0) return 0;
    std::thread writer([&] {
        std::size_t done = head;
        while (done < size) {
            const ssize_t n = write(fds[1], data + done, size - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        close(fds[1]);
    });
    CsvReader piped(fds[0], ',', text.substr(0, head));
    std::vector<CsvRecord> fd_records;
    read_all(piped, size, &fd_records);
    writer.join();
    close(fds[0]);
    if (piped.io_failed()) return 0;
    same_records(memory_records, fd_records, comma, piped, "descriptor and memory readers");
    return 0;
}
