#include "input/csv_input.hpp"

#include "input/decode.hpp"
#include "input/rows.hpp"
#include "model/store.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace recert {

void read_csv(CsvReader& reader, const std::string& file, const Rules& rules, const ImportMap* map,
              const std::string& default_holder, CsvContent content, CsvInput& out,
              const std::function<void(std::size_t)>& progress) {
    const std::size_t reader_errors_before = reader.errors().size();
    input::RowReader rows(file, rules, map, default_holder, content, out);
    if (!rows.read_header(reader)) return;
    rows.read_rows(reader, SIZE_MAX, progress);
    rows.finish(reader, reader_errors_before);
}

namespace {

// The first bytes of the input that continues with `fd` after `head` (four, or all of a shorter
// input): looked at in place where the file can be read at an offset, else read (into `head`,
// which the reader then takes first).
std::string first_bytes(int fd, off_t at, std::string& head) {
    std::string first = head;
    char buf[4];
    if (first.size() >= sizeof buf) return first;
    const std::size_t want = sizeof buf - first.size();
    ssize_t n = at >= 0 ? ::pread(fd, buf, want, at) : -1;
    if (n >= 0) return first.append(buf, static_cast<std::size_t>(n));
    while (head.size() < sizeof buf) { // a pipe: what is read here, the reader gets first
        n = ::read(fd, buf, sizeof buf - head.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break; // the reader reports errors
        head.append(buf, static_cast<std::size_t>(n));
    }
    return head;
}

} // namespace

void read_csv_file(const std::string& path, int fd, const std::string& file, const Rules& rules,
                   const ImportMap* map, const std::string& default_holder, CsvContent content,
                   CsvInput& out, const std::function<void(std::size_t)>& progress,
                   unsigned threads, std::string_view already_read) {
    const off_t at = ::lseek(fd, 0, SEEK_CUR);
    // where the reader's offsets start
    const off_t start = at >= 0 ? at - static_cast<off_t>(already_read.size()) : at;
    std::string head(already_read);
    const std::string first = first_bytes(fd, at, head);
    const input::ByteOrderMark bom = input::byte_order_mark(first);
    const std::string_view encoding = bom.size > 0 ? bom.encoding
                                      : map        ? std::string_view(map->encoding)
                                                   : std::string_view();
    if (input::needs_decoding(encoding)) {
        // another encoding: decoded whole, in memory, then read as UTF-8 text
        std::string bytes = std::move(head);
        if (!read_rest(fd, bytes)) {
            out.errors.push_back(Diagnostic{
                file, 0, 0, "", std::string("cannot read: ") + std::strerror(errno), ""});
            return;
        }
        input::DecodeProblem problem;
        const auto text =
            input::decode_to_utf8(std::string_view(bytes).substr(bom.size), encoding, problem);
        if (!text) {
            out.errors.push_back(
                Diagnostic{file, problem.line, problem.column, "", std::move(problem.message), ""});
            return;
        }
        CsvReader reader(std::string_view(*text), map ? map->delimiter : ',');
        read_csv(reader, file, rules, map, default_holder, content, out, progress);
        return;
    }
    CsvReader reader(fd, map ? map->delimiter : ',', head);
    input::RowReader rows(file, rules, map, default_holder, content, out);
    if (!rows.read_header(reader)) return;
    // the certifications read before are held by the activities' holders, mostly: room for that
    // many holders, so that a holder table does not grow (and rehash) while the rows are read.
    // Their number is that of runs of one holder (exact when, as usual, they are grouped). With
    // two halves, each half's thread makes room in its own table (new memory, which may take
    // long on a virtual machine), rather than one after the other before either starts.
    std::size_t holders_hint = 0;
    if (out.table)
        for (std::size_t i = 0; i < out.certifications.size(); ++i)
            holders_hint +=
                i == 0 || out.certifications[i].holder != out.certifications[i - 1].holder;
    auto make_room = [holders_hint](ActivityTable& table) {
        if (holders_hint > 0) table.holders().reserve(table.holders().size() + holders_hint);
    };
    struct stat st {};
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    const auto size = regular ? static_cast<std::size_t>(st.st_size) : 0;
    rows.expect_bytes(size);
    // An engine run needs the content hash of few activities (those of a holder on the same day
    // as another): in a file that can be read again, the others are not hashed (a tenth of the
    // reading time). Not with a mapping, whose reading is not kept.
    if (content != CsvContent::Certifications && out.table && !out.table->key_source() &&
        !out.keep_text && !map && regular && start >= 0) {
        const int again = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (again >= 0) rows.defer_keys(again, static_cast<std::uint64_t>(start));
    }
    // Two halves in parallel: the second starts after a newline near the middle. Whether that
    // newline ends a record (rather than sitting inside a quoted field) is known only when the
    // first half's reader reaches it; when it does not, or anything in either half is wrong, the
    // second half is dropped and the first reader simply goes on (the sequential result).
    std::size_t boundary = SIZE_MAX;
    int fd2 = -1;
    if (threads > 1 && regular && size >= (std::size_t{4} << 20) && out.errors.empty() &&
        reader.bytes_read() < size / 2) {
        char window[1 << 16];
        const ssize_t n = ::pread(fd, window, sizeof window, static_cast<off_t>(size / 2));
        const void* nl = n > 0 ? std::memchr(window, '\n', static_cast<std::size_t>(n)) : nullptr;
        if (nl) {
            boundary =
                size / 2 + static_cast<std::size_t>(static_cast<const char*>(nl) - window) + 1;
            fd2 = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd2 >= 0 && ::lseek(fd2, static_cast<off_t>(boundary), SEEK_SET) < 0) {
                ::close(fd2);
                fd2 = -1;
            }
        }
    }
    if (fd2 < 0) {
        if (out.table) make_room(*out.table);
        rows.read_rows(reader, SIZE_MAX, progress);
        rows.finish(reader, 0);
        return;
    }
    // what the second thread writes on every row, on cache lines of its own (next to the first
    // reader's state on this stack, each line the two share would move between the cores)
    struct alignas(64) Half {
        CsvInput in;
        std::optional<ActivityTable> table;
        std::optional<input::RowReader> rows;
        std::optional<CsvReader> reader;
    };
    const auto half = std::make_unique<Half>();
    CsvInput& second = half->in;
    std::optional<ActivityTable>& second_table = half->table;
    if (out.table) second.table = &second_table.emplace();
    second.keep_text = out.keep_text;
    input::RowReader& rows2 = half->rows.emplace(rows.other_part(second, boundary));
    CsvReader& reader2 = half->reader.emplace(fd2, map ? map->delimiter : ',');
    reader2.continue_record_stream();
    std::atomic<std::size_t> done2{0};
    std::thread worker([&] {
        if (second_table) make_room(*second_table);
        rows2.read_rows(reader2, SIZE_MAX, [&](std::size_t n) { done2 = n; });
    });
    if (out.table) make_room(*out.table);
    rows.read_rows(reader, boundary, [&](std::size_t n) {
        if (progress) progress(n + done2);
    });
    worker.join();
    ::close(fd2);
    bool joined = reader.bytes_read() == boundary && out.errors.empty() && second.errors.empty() &&
                  reader.errors().empty() && reader2.errors().empty();
    // an id given in both halves with other content: reported with exact lines by reading on
    if (joined && rows.ids_clash(rows2)) joined = false;
    if (joined) {
        rows.add_skipped(rows2);
        out.rows += second.rows;
        out.quick_rows += second.quick_rows;
        out.certifications.reserve(out.certifications.size() + second.certifications.size());
        for (auto& c : second.certifications) out.certifications.push_back(std::move(c));
        out.activities.reserve(out.activities.size() + second.activities.size());
        for (auto& a : second.activities) out.activities.push_back(std::move(a));
        if (out.table) out.table->append(std::move(*second_table));
    } else {
        rows.read_rows(reader, SIZE_MAX, progress);
    }
    rows.finish(reader, 0);
}

} // namespace recert
