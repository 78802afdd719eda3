// The streaming CSV reader on arbitrary bytes, with ',' and ';' delimiters, from memory and from a
// file descriptor (a pipe, so that records straddle the 64 KiB buffer fills).
#include "fuzz_common.hpp"
#include "recert/csv.hpp"

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
    if (general_records.size() != memory_records.size())
        fuzz::fail("whole-line and field-by-field reading disagree on the number of records");
    for (std::size_t i = 0; i < general_records.size(); ++i) {
        const CsvRecord& a = memory_records[i];
        const CsvRecord& b = general_records[i];
        if (a.line != b.line || a.size() != b.size())
            fuzz::fail("whole-line and field-by-field reading disagree on a record");
        for (std::size_t f = 0; f < a.size(); ++f)
            if (a.fields[f].value != b.fields[f].value || a.fields[f].line != b.fields[f].line ||
                a.fields[f].column != b.fields[f].column ||
                a.fields[f].dropped != b.fields[f].dropped)
                fuzz::fail("whole-line and field-by-field reading disagree on a field");
    }
    if (general.errors().size() != comma.errors().size())
        fuzz::fail("whole-line and field-by-field reading disagree on the errors");
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
    if (fd_records.size() != memory_records.size())
        fuzz::fail("descriptor and memory readers disagree on the number of records");
    for (std::size_t i = 0; i < fd_records.size(); ++i) {
        const CsvRecord& a = memory_records[i];
        const CsvRecord& b = fd_records[i];
        if (a.line != b.line || a.size() != b.size())
            fuzz::fail("descriptor and memory readers disagree on a record");
        for (std::size_t f = 0; f < a.size(); ++f)
            if (a.fields[f].value != b.fields[f].value || a.fields[f].line != b.fields[f].line ||
                a.fields[f].column != b.fields[f].column)
                fuzz::fail("descriptor and memory readers disagree on a field");
    }
    if (piped.errors().size() != comma.errors().size())
        fuzz::fail("descriptor and memory readers disagree on the errors");
    return 0;
}
