#include "progress.hpp"

#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace recert::cli {

std::size_t file_size(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    return static_cast<std::size_t>(st.st_size);
}

Progress::Progress(std::string label, std::size_t total, bool quiet)
    : label_(std::move(label)), total_(total), start_(std::chrono::steady_clock::now()) {
    const char* term = std::getenv("TERM");
    enabled_ = !quiet && ::isatty(STDERR_FILENO) && !(term && std::string(term) == "dumb");
}

Progress::~Progress() {
    finish();
}

void Progress::update(std::size_t done) {
    if (!enabled_) return;
    const auto elapsed = std::chrono::steady_clock::now() - start_;
    if (!shown_ && elapsed < std::chrono::seconds(1)) return; // quick work shows nothing
    shown_ = true;
    if (total_ > 0) {
        const std::size_t pct = done >= total_ ? 100 : done * 100 / total_;
        const std::size_t cells = pct * 30 / 100;
        std::string bar(cells, '#');
        bar.resize(30, '.');
        std::fprintf(stderr, "\r%s [%s] %3zu%%", label_.c_str(), bar.c_str(), pct);
    } else {
        std::fprintf(stderr, "\r%s %zu MB", label_.c_str(), done >> 20);
    }
    std::fflush(stderr);
}

void Progress::finish() {
    if (shown_) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
        shown_ = false;
    }
}

} // namespace recert::cli
