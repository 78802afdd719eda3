// Files: reading, atomic replacement with a backup, and an advisory lock around read-merge-write.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace recert {

// The whole file, or an error message naming the file.
struct ReadResult {
    std::optional<std::string> text;
    std::string error;
};
ReadResult read_file(const std::string& path);
// Appends what is left to read from `fd` to `text`; false on a read error (errno says which).
bool read_rest(int fd, std::string& text);

// Who may read a new file `write_file_atomic` creates: the owner alone (a ledger), or whoever
// the umask lets read what a shell redirect writes (a page to share).
enum class NewFileMode { Private, Umask };

// Replaces `path` atomically: writes a temporary file in the same directory (with the mode of the
// file it replaces, else `mode`'s), fsyncs it, keeps the previous version as `path.bak` (mode
// 0600), renames the temporary over `path` and fsyncs the directory. A symbolic link is written
// through to its target. Returns an error message or "".
std::string write_file_atomic(const std::string& path, std::string_view content,
                              bool keep_backup = true, NewFileMode mode = NewFileMode::Private);

// Creates `path` only if it does not exist (mode 0600). A symbolic link is written through: a
// dangling link creates its target and stays a link. The error for a missing parent directory
// names that directory, and a directory in the way says so. Returns an error message or "".
std::string create_file_exclusive(const std::string& path, std::string_view content);

// An exclusive advisory lock (flock) on an existing file, held while the object lives. It follows
// the file across atomic replacements: once acquired, the path names the locked file.
class FileLock {
  public:
    explicit FileLock(const std::string& path);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    const std::string& error() const { return error_; }

  private:
    int fd_ = -1;
    std::string error_;
};

} // namespace recert
