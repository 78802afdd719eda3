// bench/group_sum: the awk program of bench/run (`NR>1 && $3=="ce" {s[$1]+=$4}`) in plain C++ on
// both cores, as a reference point for the figures: the file mapped into memory, split at a
// newline near the middle, each half summed into its own open-addressing table, the tables
// merged, one "holder,sum" line per holder written in no particular order.
//
//   group_sum FILE
//
// Fields are split at every comma and nothing else, as `awk -F,` splits them (no CSV quoting:
// the columns read come before the first quoted one in bench/gen's files); the credits are the
// number at the start of the fourth field (0 when there is none), as awk converts a field.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace {

class Sums {
  public:
    void add(std::string_view key, double value) {
        if ((used_ + 1) * 10 > slots_.size() * 7) grow();
        const std::uint64_t h = hash(key);
        Slot& s = find(key, h);
        if (s.length == kFree) {
            s = Slot{h, static_cast<std::uint32_t>(keys_.size()),
                     static_cast<std::uint32_t>(key.size()), 0};
            keys_.append(key);
            ++used_;
        }
        s.sum += value;
    }
    template <class F> void each(F f) const {
        for (const Slot& s : slots_)
            if (s.length != kFree) f(key(s), s.sum);
    }

  private:
    static constexpr std::uint32_t kFree = UINT32_MAX;
    // the key is copied into keys_: compared there, it is not fetched from wherever the file
    // had it (a cache miss per row)
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t at = 0, length = kFree;
        double sum = 0;
    };
    static std::uint64_t hash(std::string_view key) {
        std::uint64_t h = 0xcbf29ce484222325ULL; // FNV-1a
        for (const char c : key) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
        return h ^ h >> 29;
    }
    std::string_view key(const Slot& s) const { return {keys_.data() + s.at, s.length}; }
    Slot& find(std::string_view k, std::uint64_t h) {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            Slot& s = slots_[i];
            if (s.length == kFree || (s.hash == h && key(s) == k)) return s;
        }
    }
    void grow() {
        std::vector<Slot> old(slots_.empty() ? std::size_t{1} << 17 : slots_.size() * 2);
        old.swap(slots_);
        for (const Slot& s : old)
            if (s.length != kFree) find(key(s), s.hash) = s;
    }
    std::vector<Slot> slots_;
    std::string keys_;
    std::size_t used_ = 0;
};

// Sums the lines of [at, end), each of which starts at a line's start.
void sum_lines(const char* at, const char* end, Sums& sums) {
    while (at < end) {
        const char* stop = static_cast<const char*>(std::memchr(at, '\n', end - at));
        const char* next = stop ? stop + 1 : end;
        if (!stop) stop = end;
        if (stop > at && stop[-1] == '\r') --stop;
        std::string_view field[4];
        std::size_t n = 0;
        for (const char* f = at; n < 4;) {
            const char* comma = static_cast<const char*>(std::memchr(f, ',', stop - f));
            field[n++] = std::string_view(f, static_cast<std::size_t>((comma ? comma : stop) - f));
            if (!comma) break;
            f = comma + 1;
        }
        if (n >= 3 && field[2] == "ce") {
            // whole numbers of up to 9 digits directly, anything else by from_chars
            const std::string_view c = field[3];
            long whole = 0;
            std::size_t digits = 0;
            for (; digits < c.size() && digits < 9 && c[digits] >= '0' && c[digits] <= '9';
                 ++digits)
                whole = whole * 10 + (c[digits] - '0');
            double credits = static_cast<double>(whole);
            if (digits < c.size()) {
                credits = 0;
                std::from_chars(c.data(), c.data() + c.size(), credits);
            }
            sums.add(field[0], credits);
        }
        at = next;
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: group_sum FILE\n");
        return 2;
    }
    const int fd = ::open(argv[1], O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
        std::perror(argv[1]);
        return 2;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    const char* text = "";
    if (size > 0) {
        void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            std::perror(argv[1]);
            return 2;
        }
        text = static_cast<const char*>(p);
    }
    const char* end = text + size;
    // the first line is the header (NR>1)
    const char* nl = static_cast<const char*>(std::memchr(text, '\n', size));
    const char* body = nl ? nl + 1 : end;
    const char* middle = body + (end - body) / 2;
    if (middle > body) { // the second half starts after the newline at or after the middle
        const char* m = static_cast<const char*>(std::memchr(middle - 1, '\n', end - middle + 1));
        middle = m ? m + 1 : end;
    }
    Sums first, second;
    std::thread worker([&] { sum_lines(middle, end, second); });
    sum_lines(body, middle, first);
    worker.join();
    second.each([&](std::string_view key, double sum) { first.add(key, sum); });
    std::string out;
    char number[32];
    first.each([&](std::string_view key, double sum) {
        out.append(key);
        out += ',';
        const auto r = std::to_chars(number, number + sizeof number, sum);
        out.append(number, r.ptr);
        out += '\n';
    });
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
        std::perror("group_sum: writing");
        return 2;
    }
    return 0;
}
