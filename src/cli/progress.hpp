// A progress bar on stderr for long reads: only on a terminal, only after about a second, never
// with --quiet. Data on stdout is never touched.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace recert::cli {

class Progress {
  public:
    // total: bytes expected (0 when unknown, e.g. a pipe).
    Progress(std::string label, std::size_t total, bool quiet);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    void update(std::size_t done);
    void finish();

  private:
    std::string label_;
    std::size_t total_;
    bool enabled_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_;
};

// The size of an open regular file, else 0.
std::size_t file_size(int fd);

} // namespace recert::cli
