package workspace

import (
	"io/fs"
	"os"
	"path/filepath"
)

// FS is the file system the workspace reads. Every read goes through it, so tests can fake errors
// (permission denied cannot be simulated with chmod when tests run as root) and count reads.
// Paths are absolute and OS-native.
type FS interface {
	ReadDir(name string) ([]fs.DirEntry, error)
	Lstat(name string) (fs.FileInfo, error)
	Stat(name string) (fs.FileInfo, error)
	ReadFile(name string) ([]byte, error)
	Open(name string) (fs.File, error)
	// RealPath resolves every symbolic link in name (filepath.EvalSymlinks).
	RealPath(name string) (string, error)
}

// OSFS is the real file system.
type OSFS struct{}

func (OSFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (OSFS) Lstat(name string) (fs.FileInfo, error)     { return os.Lstat(name) }
func (OSFS) Stat(name string) (fs.FileInfo, error)      { return os.Stat(name) }
func (OSFS) ReadFile(name string) ([]byte, error)       { return os.ReadFile(name) }
func (OSFS) Open(name string) (fs.File, error)          { return os.Open(name) }
func (OSFS) RealPath(name string) (string, error)       { return filepath.EvalSymlinks(name) }
