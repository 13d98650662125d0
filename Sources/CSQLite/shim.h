#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro over a function-pointer cast that Swift cannot import.
static inline void (*csqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }

/// SQLITE_STATIC, for the same reason: SQLite keeps the pointer and copies nothing.
static inline void (*csqlite_static(void))(void *) { return SQLITE_STATIC; }
