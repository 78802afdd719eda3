#include "model/store.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace recert {

namespace {

std::string sys_error(const std::string& what, const std::string& path, int err) {
    std::string reason = std::strerror(err);
    if (err == ENOSPC || err == EDQUOT)
        reason = "the disk is full";
    else if (err == EFBIG)
        reason = "file too large (the file size limit, ulimit -f)";
    return path + ": " + what + ": " + reason;
}

bool write_all(int fd, std::string_view data, int& err) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            err = errno;
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

std::string dir_of(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

// Follows symbolic links so that writing replaces the link's target, not the link.
std::string resolve_target(const std::string& path) {
    std::string cur = path;
    for (int depth = 0; depth < 40; ++depth) {
        struct stat st {};
        if (::lstat(cur.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return cur;
        char buf[PATH_MAX];
        const ssize_t n = ::readlink(cur.c_str(), buf, sizeof buf - 1);
        if (n < 0) return cur;
        const std::string_view target(buf, static_cast<std::size_t>(n));
        if (!target.empty() && target[0] == '/') {
            cur = target;
        } else {
            cur = dir_of(cur) + '/';
            cur += target;
        }
    }
    return cur;
}

} // namespace

bool read_rest(int fd, std::string& text) {
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) return true;
        text.append(buf, static_cast<std::size_t>(n));
    }
}

ReadResult read_file(const std::string& path) {
    ReadResult r;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        r.error = sys_error("cannot open", path, errno);
        return r;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        r.error = path + ": is a directory, expected a file";
        return r;
    }
    std::string text;
    if (!read_rest(fd, text)) {
        r.error = sys_error("cannot read", path, errno);
        ::close(fd);
        return r;
    }
    ::close(fd);
    r.text = std::move(text);
    return r;
}

namespace {
mode_t umask_mode() {
    const mode_t mask = ::umask(0); // (the only way to read it; put back at once)
    ::umask(mask);
    return 0666 & ~mask;
}
} // namespace

std::string write_file_atomic(const std::string& requested, std::string_view content,
                              bool keep_backup, NewFileMode new_mode) {
    const std::string path = resolve_target(requested);
    struct stat st {};
    const bool exists = ::stat(path.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) return path + ": is a directory, expected a file";
    // a file the user gave other permissions on purpose (shared with a group) keeps them
    const mode_t mode = exists                             ? (st.st_mode & 0777)
                        : new_mode == NewFileMode::Private ? 0600
                                                           : umask_mode();
    const std::string dir = dir_of(path);
    std::string tmpl = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return sys_error("cannot create a temporary file in " + dir, path, errno);
    int err = 0;
    bool ok = ::fchmod(fd, mode) == 0 || (err = errno, false);
    ok = ok && write_all(fd, content, err);
    ok = ok && (::fsync(fd) == 0 || (err = errno, false));
    if (::close(fd) != 0 && ok) {
        err = errno;
        ok = false;
    }
    if (!ok) {
        ::unlink(tmpl.c_str());
        return sys_error("cannot write", path, err);
    }
    // the backup is prepared under a temporary name and becomes `.bak` only once the new ledger
    // is in place, so a failed write leaves both the ledger and the old backup as they were
    const std::string bak = path + ".bak";
    const std::string bak_new = path + ".bak-new";
    bool have_bak = false;
    if (keep_backup && ::access(path.c_str(), F_OK) == 0) {
        ::unlink(bak_new.c_str());
        if (::link(path.c_str(), bak_new.c_str()) == 0) {
            have_bak = true;
        } else { // a file system without hard links: copy instead
            ReadResult old = read_file(path);
            have_bak = old.text && write_file_atomic(bak_new, *old.text, false).empty();
        }
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        err = errno;
        ::unlink(tmpl.c_str());
        if (have_bak) ::unlink(bak_new.c_str());
        return sys_error("cannot replace", path, err);
    }
    if (have_bak && ::rename(bak_new.c_str(), bak.c_str()) == 0) ::chmod(bak.c_str(), 0600);
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return "";
}

std::string create_file_exclusive(const std::string& requested, std::string_view content) {
    // A symbolic link is written through, as by write_file_atomic: a dangling link names the file
    // to create, and the link stays. O_EXCL still refuses anything that exists at the target.
    const std::string path = resolve_target(requested);
    const std::string shown = path == requested ? path : requested + " (a link to " + path + ")";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int err = errno;
        struct stat st {};
        if (err == EEXIST && ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
            return shown + ": is a directory, expected a file";
        if (err == EEXIST && ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
            return sys_error("cannot create", shown, ELOOP); // a loop or a chain too long
        if (err == EEXIST) return shown + ": already exists; refusing to overwrite it";
        const std::string dir = dir_of(path);
        if (err == ENOENT && ::stat(dir.c_str(), &st) != 0)
            return shown + ": cannot create: the directory " + dir + " does not exist";
        return sys_error("cannot create", shown, err);
    }
    int err = 0;
    bool ok = write_all(fd, content, err);
    ok = ok && (::fsync(fd) == 0 || (err = errno, false));
    if (::close(fd) != 0 && ok) {
        err = errno;
        ok = false;
    }
    if (!ok) {
        ::unlink(path.c_str());
        return sys_error("cannot write", shown, err);
    }
    const int dfd = ::open(dir_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return "";
}

FileLock::FileLock(const std::string& path) {
    // Locks the file itself, so no lock file is left behind. A writer replaces the file by rename,
    // so after waiting, check that the path still names the file that was locked; if not, retry.
    const std::string target = resolve_target(path);
    for (int attempt = 0; attempt < 1000; ++attempt) {
        fd_ = ::open(target.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) {
            error_ = sys_error("cannot open", target, errno);
            return;
        }
        while (::flock(fd_, LOCK_EX) != 0) {
            if (errno == EINTR) continue;
            error_ = sys_error("cannot lock", target, errno);
            ::close(fd_);
            fd_ = -1;
            return;
        }
        struct stat locked {
        }, now{};
        if (::fstat(fd_, &locked) == 0 && ::stat(target.c_str(), &now) == 0 &&
            locked.st_ino == now.st_ino && locked.st_dev == now.st_dev)
            return;
        ::close(fd_);
        fd_ = -1;
    }
    error_ = target + ": cannot lock: the file keeps being replaced";
}

FileLock::~FileLock() {
    if (fd_ >= 0) ::close(fd_);
}

} // namespace recert
