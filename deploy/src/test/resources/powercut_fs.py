#!/usr/bin/env python3
"""A FUSE passthrough filesystem that loses what was never fsynced, for power-cut tests.

    python3 powercut_fs.py LOWER MOUNTPOINT

Every file under MOUNTPOINT is LOWER's file, but data written to it is kept in this process's memory until the
file is fsynced (fsync or fdatasync): only then is it written to LOWER and LOWER is fsynced. Reads see the
written data, as a page cache would. Unmount the filesystem (umount -l MOUNTPOINT) or kill this process and
what was written but not fsynced is gone, exactly what a power cut does to a page cache; LOWER then holds what a
disk would hold after it. Metadata operations (create, rename, unlink, mkdir) reach LOWER at once, as on a
journaling filesystem. Single-threaded on purpose: one order of operations, no races of our own.
"""
import errno
import os
import sys

import fusepy


class PowerCutFs(fusepy.Operations):
    def __init__(self, lower):
        self.lower = lower
        # path -> bytearray holding the file's current content (what readers see), for files written since opened
        self.content = {}
        # path -> [lowest, highest) byte range written and not yet fsynced, or None; and whether it shrank
        self.dirty = {}
        self.shrunk = set()

    def _real(self, path):
        return os.path.join(self.lower, path.lstrip('/'))

    def _load(self, path):
        if path not in self.content:
            with open(self._real(path), 'rb') as f:
                self.content[path] = bytearray(f.read())
        return self.content[path]

    def _mark(self, path, start, end):
        low, high = self.dirty.get(path) or (start, end)
        self.dirty[path] = (min(low, start), max(high, end))

    # --- metadata: straight to LOWER

    def getattr(self, path, fh=None):
        try:
            st = os.lstat(self._real(path))
        except FileNotFoundError:
            raise fusepy.FuseOSError(errno.ENOENT)
        attrs = {key: getattr(st, key) for key in ('st_atime', 'st_ctime', 'st_gid', 'st_mode', 'st_mtime', 'st_nlink', 'st_size', 'st_uid')}
        if path in self.content:
            attrs['st_size'] = len(self.content[path])
        return attrs

    def readdir(self, path, fh):
        return ['.', '..'] + os.listdir(self._real(path))

    def access(self, path, mode):
        if not os.access(self._real(path), mode):
            raise fusepy.FuseOSError(errno.EACCES)

    def statfs(self, path):
        st = os.statvfs(self._real(path))
        return {key: getattr(st, key) for key in ('f_bavail', 'f_bfree', 'f_blocks', 'f_bsize', 'f_favail', 'f_ffree', 'f_files', 'f_flag',
                                                   'f_frsize', 'f_namemax')}

    def mkdir(self, path, mode):
        os.mkdir(self._real(path), mode)

    def rmdir(self, path):
        os.rmdir(self._real(path))

    def chmod(self, path, mode):
        os.chmod(self._real(path), mode)

    def chown(self, path, uid, gid):
        os.chown(self._real(path), uid, gid)

    def utimens(self, path, times=None):
        os.utime(self._real(path), times)

    def unlink(self, path):
        os.unlink(self._real(path))
        self.content.pop(path, None)
        self.dirty.pop(path, None)
        self.shrunk.discard(path)

    def rename(self, old, new):
        os.rename(self._real(old), self._real(new))
        for table in (self.content, self.dirty):
            if old in table:
                table[new] = table.pop(old)
        if old in self.shrunk:
            self.shrunk.discard(old)
            self.shrunk.add(new)

    def create(self, path, mode, fi=None):
        fd = os.open(self._real(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        os.close(fd)
        self.content[path] = bytearray()
        return 0

    def open(self, path, flags):
        if flags & os.O_TRUNC:
            self.truncate(path, 0)
        return 0

    # --- data: in memory until fsync

    def read(self, path, size, offset, fh):
        return bytes(self._load(path)[offset:offset + size])

    def write(self, path, data, offset, fh):
        content = self._load(path)
        end = offset + len(data)
        if end > len(content):
            content.extend(b'\0' * (end - len(content)))
        content[offset:end] = data
        self._mark(path, offset, end)
        return len(data)

    def truncate(self, path, length, fh=None):
        content = self._load(path)
        if length < len(content):
            del content[length:]
            self.shrunk.add(path)
        else:
            self._mark(path, len(content), length)
            content.extend(b'\0' * (length - len(content)))

    def fsync(self, path, datasync, fh):
        if path not in self.content:
            return 0
        content = self.content[path]
        fd = os.open(self._real(path), os.O_WRONLY)
        try:
            span = self.dirty.pop(path, None)
            if span is not None:
                low, high = span
                os.pwrite(fd, bytes(content[low:min(high, len(content))]), low)
            if path in self.shrunk or os.fstat(fd).st_size != len(content):
                os.ftruncate(fd, len(content))
                self.shrunk.discard(path)
            os.fsync(fd)
        finally:
            os.close(fd)
        return 0

    def fsyncdir(self, path, datasync, fh):
        return 0

    def flush(self, path, fh):
        return 0

    def release(self, path, fh):
        return 0


if __name__ == '__main__':
    fusepy.FUSE(PowerCutFs(os.path.abspath(sys.argv[1])), sys.argv[2], foreground=True, nothreads=True)
