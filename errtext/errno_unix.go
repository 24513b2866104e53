//go:build !windows

package errtext

import "syscall"

// errnoCause names the cause of a system error number, or "".
func errnoCause(e syscall.Errno) string {
	switch e {
	case syscall.ENOENT:
		return notExist
	case syscall.EACCES, syscall.EPERM:
		return permission
	case syscall.EISDIR:
		return isDir
	case syscall.ENOTDIR:
		return notDir
	case syscall.ENOSPC, syscall.EDQUOT:
		return noSpace
	case syscall.EROFS:
		return readOnly
	case syscall.EBUSY, syscall.ETXTBSY:
		return busy
	case syscall.EMFILE, syscall.ENFILE:
		return tooMany
	case syscall.ENAMETOOLONG:
		return nameTooLong
	case syscall.ELOOP:
		return loop
	case syscall.EIO:
		return ioError
	case syscall.EEXIST:
		return exists
	}
	return ""
}
