/* acsconf plugin ABI, version 1: an implementation of RAM 2015-05-01 / VOD 2017-03-21 (the operations
 * under test and their fixture operations) loaded by acsconf with dlopen and judged with no HTTP at all:
 *   acsconf run  --endpoint plugin:/path/libimpl.so
 *   acsconf fuzz --endpoint plugin:/path/libimpl.so
 * This is the only header a plugin needs. Plain C, no acsconf types; a C++ plugin includes it as is.
 * Stability promise: harness/README.md ("Plugin ABI").
 *
 * The plugin exports ONE symbol, acsconf_plugin_entry. The host calls it with the highest ABI version
 * it speaks; the plugin answers with the function table of a version <= that one (the highest it
 * implements), or NULL when it speaks none of them. Later versions only append members to the table,
 * so a table of version N starts with the members of every version before it; `size` tells the host
 * how many members the plugin's table really has.
 *
 * Calls and answers are UTF-8 JSON text:
 *   call:   {"product": "Ram" | "Vod", "version": "2015-05-01", "action": "DetachPolicyFromUser",
 *            "caller": "main" | "unprivileged", "params": {"UserName": "alice", ...}}
 *           A parameter absent from "params" was not sent; "" was sent empty. A value that is not
 *           valid UTF-8 (or holds NUL) comes as {"hex": "c328"}: the raw bytes in lower-case hex.
 *   answer: {"status": 404, "code": "EntityNotExist.User", "message": "<the service's Message>",
 *            "request_id": "...", "fields": {...}}
 *           "code" is "" (or absent) on success; "fields" holds the body fields other than
 *           RequestId/HostId/Code/Message/Recommend, in the JSON shape of the real service
 *           (e.g. {"User": {"UserName": ..., "UserId": ...}}). Every answer needs a request_id.
 */
#ifndef ACSCONF_PLUGIN_H
#define ACSCONF_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ACSCONF_PLUGIN_ABI_VERSION 1u

typedef struct acsconf_plugin_v1 {
    uint32_t abi_version; /* the version of this table: 1 */
    uint32_t size;        /* sizeof(acsconf_plugin_v1) as the plugin was compiled */
    const char* name;     /* implementation name and version, shown in reports (static storage) */

    /* One independent implementation instance (its own account state). `config_json` is a JSON object
     * (may be "{}"). NULL on failure. Instances may be used from different threads at once; one
     * instance is never called from two threads at once. */
    void* (*init)(const char* config_json);

    /* Handles one call (`call_json`, `call_len` bytes, not NUL-terminated). Returns the answer JSON
     * (NUL-terminated; its length in *answer_len), owned by the plugin until free_answer; or NULL when
     * no answer can be given (the host records the call as not judgeable). */
    char* (*handle)(void* instance, const char* call_json, size_t call_len, size_t* answer_len);
    void (*free_answer)(void* instance, char* answer);

    /* Global state that is not made through a public operation (e.g. name "vod.multiAppService",
     * value "open" | "closed"). 1 when set, 0 when unknown or unsupported. May be NULL. */
    int (*set_precondition)(void* instance, const char* name, const char* value);
    /* Its current value (so a run can restore it), or NULL when unknown. The string stays valid until
     * the next call on this instance. May be NULL (the host then cannot restore what it changed). */
    const char* (*get_precondition)(void* instance, const char* name);

    /* Ends an instance; nothing of it is used afterwards. */
    void (*shutdown)(void* instance);
} acsconf_plugin_v1;

/* The entry point every plugin exports (C linkage, default visibility). */
typedef const acsconf_plugin_v1* (*acsconf_plugin_entry_fn)(uint32_t host_abi_version);
#define ACSCONF_PLUGIN_ENTRY_SYMBOL "acsconf_plugin_entry"

#ifdef __cplusplus
}
#endif

#endif /* ACSCONF_PLUGIN_H */
