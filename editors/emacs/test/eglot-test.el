;;; eglot-test.el --- eglot against the real workos-lsp, in `emacs --batch'  -*- lexical-binding: t -*-

;; Run by run.sh. Env: WORKOS_LSP_BIN (the server), WORKOS_FIXTURE_DOCS (the docs folder),
;; WORKOS_FIXTURES (a folder with signup.js). Uses the setup from editors/README.md: an
;; `eglot-server-programs' entry with initializationOptions plus `eglot-workspace-configuration'.
;; Prints one line per check and "N passed, N failed"; exits non-zero on a failure.

(require 'eglot)
(require 'cl-lib)

(defvar wl-bin (getenv "WORKOS_LSP_BIN"))
(defvar wl-docs (getenv "WORKOS_FIXTURE_DOCS"))
(defvar wl-fixtures (getenv "WORKOS_FIXTURES"))
(defvar wl-url "https://workos.com/docs/reference/authkit/user/create")
(defvar wl-passed 0)
(defvar wl-failed 0)
(defvar wl-server nil)

(defmacro wl-check (name &rest body)
  (declare (indent 1))
  `(condition-case err
       (progn ,@body
              (setq wl-passed (1+ wl-passed))
              (princ (format "ok - %s\n" ,name)))
     (error (setq wl-failed (1+ wl-failed))
            (princ (format "not ok - %s\n  %S\n" ,name err)))))

(defun wl-wait (pred seconds what)
  "Wait for PRED (a real condition) while serving the server's messages, up to SECONDS."
  (let ((deadline (+ (float-time) seconds)) (ok nil))
    (while (and (not (setq ok (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless ok (error "timed out waiting for %s" what))
    ok))

(defun wl-request (method params)
  (jsonrpc-request wl-server method params :timeout 10))

(defun wl-hover-text (point)
  (save-excursion
    (goto-char point)
    (let* ((res (wl-request :textDocument/hover (eglot--TextDocumentPositionParams)))
           (contents (and res (plist-get res :contents))))
      (cond ((null contents) nil)
            ((stringp contents) contents)
            ((plist-get contents :value))
            (t (format "%S" contents))))))

(defun wl-docs-hover (point)
  "The hover at POINT once it answers from the docs: nil while there is none, or while the server
says in it that the docs are still loading."
  (let ((text (wl-hover-text point)))
    (and text (not (string-match-p "still loading" text)) text)))

(setq eglot-workspace-configuration
      `(:workos (:docsPath ,wl-docs :offline t)))
(add-to-list 'eglot-server-programs
             `(js-mode . (,wl-bin "serve" :initializationOptions
                                  (:workos (:docsPath ,wl-docs :offline t)))))
(setq eglot-sync-connect t eglot-connect-timeout 30)

(find-file (expand-file-name "signup.js" wl-fixtures))
(js-mode)

(wl-check "eglot connects to workos-lsp"
  (apply #'eglot--connect (eglot--guess-contact))
  (setq wl-server (eglot-current-server))
  (unless wl-server (error "no server"))
  (unless (equal (plist-get (eglot--server-info wl-server) :name) "workos-lsp")
    (error "server info %S" (eglot--server-info wl-server))))

(defvar wl-call (save-excursion (goto-char (point-min)) (search-forward "createUser") (- (point) 4)))

(wl-check "hover on createUser has its docs and URL (once the docs load)"
  (let ((text (wl-wait (lambda () (wl-docs-hover wl-call)) 60 "a hover")))
    (unless (string-match-p "createUser" text) (error "no createUser in %s" text))
    (unless (string-match-p (regexp-quote wl-url) text) (error "no URL in %s" text))))

(wl-check "completion after workos.userManagement. offers createUser"
  (goto-char (point-max))
  (insert "\nworkos.userManagement.")
  (eglot--signal-textDocument/didChange)
  (let* ((res (wl-request :textDocument/completion (eglot--TextDocumentPositionParams)))
         (items (if (vectorp res) res (plist-get res :items)))
         (labels (mapcar (lambda (i) (plist-get i :label)) items)))
    (unless (cl-some (lambda (l) (string-prefix-p "createUser" l)) labels)
      (error "labels: %S" labels))))

(wl-check "workos.search through workspace/executeCommand"
  (let ((hits (wl-request :workspace/executeCommand '(:command "workos.search" :arguments ["create user"]))))
    (unless (and (vectorp hits) (> (length hits) 0)) (error "hits: %S" hits))
    (unless (cl-some (lambda (h) (string-prefix-p wl-url (plist-get h :url))) hits)
      (error "no %s in %S" wl-url hits))))

(wl-check "eglot-workspace-configuration reaches the server"
  ;; Only Go enabled → no docs in JavaScript; then all languages again.
  (setq eglot-workspace-configuration `(:workos (:docsPath ,wl-docs :offline t :languages ["go"])))
  (eglot-signal-didChangeConfiguration wl-server)
  (when (wl-hover-text wl-call) (error "hover with only Go enabled"))
  (setq eglot-workspace-configuration `(:workos (:docsPath ,wl-docs :offline t :languages [])))
  (eglot-signal-didChangeConfiguration wl-server)
  (unless (wl-hover-text wl-call) (error "no hover after enabling all languages")))

(defvar wl-go-server nil)
(if (not (require 'go-mode nil t))
    (princ "# skip - Go: no go-mode (Emacs 28: apt-get install elpa-go-mode)\n")
  (wl-check "a Go buffer in go-mode gets its own server and Go docs"
    (add-to-list 'eglot-server-programs
                 `(go-mode . (,wl-bin "serve" :initializationOptions
                                      (:workos (:docsPath ,wl-docs :offline t)))))
    (find-file (expand-file-name "main.go" wl-fixtures))
    (go-mode)
    (apply #'eglot--connect (eglot--guess-contact))
    (setq wl-go-server (eglot-current-server))
    (when (or (null wl-go-server) (eq wl-go-server wl-server)) (error "no separate Go server: %S" wl-go-server))
    (let* ((wl-server wl-go-server)
           (call (save-excursion (goto-char (point-min)) (search-forward "CreateUser(") (- (point) 4)))
           (text (wl-wait (lambda () (wl-docs-hover call)) 60 "a Go hover")))
      (unless (string-match-p "CreateUser" text) (error "no CreateUser in %s" text)))))

(princ (format "%d passed, %d failed\n" wl-passed wl-failed))
(when wl-go-server
  (ignore-errors (eglot-shutdown wl-go-server)))
(when wl-server
  (ignore-errors (eglot-shutdown wl-server)))
(kill-emacs (if (> wl-failed 0) 1 0))
