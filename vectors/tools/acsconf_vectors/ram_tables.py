"""RAM 2015-05-01 DetachPolicyFromUser: the fixtures and every test, one function per rule section.

tcId stability: a test's tcId is its position in the concatenation of RAM_SECTIONS. Only ever APPEND
(to the last section); never delete or reorder entries.
"""

from .common import (CATALOGUE, SUCCESS, T, absent, any_of, cat, exact_len, hexv, missing_family, ram_err, rep, success,
                     with_then)
from .gateway_tables import gateway_tests

# ---------------------------------------------------------------------------------------------
# RAM DetachPolicyFromUser
# ---------------------------------------------------------------------------------------------
R = "ram.DetachPolicyFromUser."
U = "${run}-u"          # the vector's own user
U2 = "${run}-v"         # a second user (isolation checks)
SYS = "ReadOnlyAccess"  # system policies the model's built-in list must know (docs/sources/ram.md#limits)
SYS2 = "AliyunOSSFullAccess"
CUSTOM = "${run}-pol"
POLICY_DOC = '{"Statement":[{"Action":["oss:GetObject"],"Effect":"Allow","Resource":["acs:oss:*:*:*"]}],"Version":"1"}'
LIST_PATH = "Policies.Policy[*].PolicyName"
# Length boundaries come from the catalogue's documented limits, never typed here.
UMIN, UMAX = CATALOGUE.limit("ram.UserName")["min"], CATALOGUE.limit("ram.UserName")["max"]
PMIN, PMAX = CATALOGUE.limit("ram.PolicyName")["min"], CATALOGUE.limit("ram.PolicyName")["max"]


def create_user(name=U, or_skip=False):
    step = {"call": "CreateUser", "params": {"UserName": name}}
    if or_skip:
        step["orSkip"] = True
    return step


def create_policy(name=CUSTOM, or_skip=False):
    step = {"call": "CreatePolicy", "params": {"PolicyName": name, "PolicyDocument": POLICY_DOC}}
    if or_skip:
        step["orSkip"] = True
    return step


def attach(ptype=None, pname=None, user=U, or_skip=False):
    step = {"call": "AttachPolicyToUser",
            "params": {"PolicyType": ptype or "System", "PolicyName": pname or SYS, "UserName": user}}
    if or_skip:
        step["orSkip"] = True
    return step


def ram_list(user=U, includes=None, excludes=None, path=LIST_PATH):
    check = {"call": "ListPoliciesForUser", "params": {"UserName": user}, "path": path}
    if includes:
        check["includes"] = includes
    if excludes:
        check["excludes"] = excludes
    return check


def ram_req(user=U, pname=SYS, ptype="System", caller=None, drop=()):
    params = {"PolicyType": ptype, "PolicyName": pname, "UserName": user}
    for key in drop:
        del params[key]
    req = {"params": params}
    if caller:
        req["caller"] = caller
    return req


USER_ATTACHED = [create_user(), attach()]   # U with ReadOnlyAccess (System)
STILL_ATTACHED = [ram_list(includes=[SYS])]  # after a rejection nothing changed



# Rule ids of the groups below.
ULEN, UCH = R + "UserName.length", R + "UserName.chars"
PLEN, PCH = R + "PolicyName.length", R + "PolicyName.chars"
PTYPE = R + "PolicyType.values"
UEX, PEX, AEX = R + "User.exists", R + "Policy.exists", R + "Attachment.exists"
DET, OTH, SHAPE = R + "effect.detached", R + "effect.othersUntouched", R + "response.shape"
PERM, CASE, PREC = R + "permission", R + "PolicyName.caseSensitivity", R + "errorPrecedence"


def _ram_username_length():
    """UserName length."""
    t = []
    t.append(T(ULEN, "username_empty", "An empty UserName breaks the %d-%d length rule (and the '+' of the pattern): either error is conformant." % (UMIN, UMAX),
               ["EmptyValue", "BoundaryLength", "MultipleErrors"], [ULEN, UCH, PREC],
               ram_req(user=""), any_of(ram_err("InvalidParameter.UserName.Length"), ram_err("InvalidParameter.UserName.InvalidChars")),
               "acceptable"))
    t.append(T(ULEN, "username_1_char_not_found", "A 1-character UserName passes validation; no such user exists.",
               ["BoundaryLength", "ValidatedNotFound"], [ULEN, UEX], ram_req(user="q"), ram_err("EntityNotExist.User"), "invalid",
               # 'q' cannot carry the run token: a read-only look first, skipped where a user q exists.
               given=[absent("GetUser", {"UserName": "q"})]))
    for n in (UMAX - 1, UMAX):
        t.append(T(ULEN, "username_%d_chars_not_found" % n, "A %d-character UserName passes validation; no such user exists." % n,
                   ["BoundaryLength", "ValidatedNotFound"], [ULEN, UEX], ram_req(user=exact_len(n)), ram_err("EntityNotExist.User"), "invalid"))
    for n, flag in ((UMAX + 1, "BoundaryLength"), (256, "FarBeyondLimit"), (4096, "FarBeyondLimit")):
        t.append(T(ULEN, "username_%d_chars" % n, "A %d-character UserName is beyond the %d-character limit." % (n, UMAX),
                   [flag], [ULEN], ram_req(user=exact_len(n)), ram_err("InvalidParameter.UserName.Length"), "invalid"))
    t.append(T(ULEN, "username_%d_chars_exists_detached" % UMAX, "An existing %d-character user: the detach succeeds and the policy is gone." % UMAX,
               ["BoundaryLength", "StateDependent", "Effect"], [ULEN, DET, SHAPE],
               ram_req(user=exact_len(UMAX)), SUCCESS, "valid",
               given=[create_user(exact_len(UMAX)), attach(user=exact_len(UMAX))],
               then=[ram_list(user=exact_len(UMAX), excludes=[SYS])]))
    t.append(T(ULEN, "username_1_char_exists_detached",
               "An existing 1-character user (fixed name 'z': created with orSkip, since it cannot carry the run token) is detached.",
               ["BoundaryLength", "StateDependent", "Effect", "FixtureMayBeRefused"], [ULEN, DET],
               ram_req(user="z"), SUCCESS, "valid",
               given=[create_user("z", or_skip=True), attach(user="z")], then=[ram_list(user="z", excludes=[SYS])]))
    t.append(T(ULEN, "username_%d_chars_exists_detached" % (UMAX - 1), "An existing %d-character user is detached." % (UMAX - 1),
               ["BoundaryLength", "StateDependent", "Effect"], [ULEN, DET],
               ram_req(user=exact_len(UMAX - 1)), SUCCESS, "valid",
               given=[create_user(exact_len(UMAX - 1)), attach(user=exact_len(UMAX - 1))],
               then=[ram_list(user=exact_len(UMAX - 1), excludes=[SYS])]))
    return t


def _ram_username_characters():
    """UserName characters."""
    t = []
    for name, suffix, what in (("lower", "abcxyz", "lower-case letters"), ("upper", "ABCXYZ", "upper-case letters"),
                               ("digit", "0189", "digits"), ("dot", ".u", "a period"), ("hyphen", "-w", "a hyphen"),
                               ("underscore", "_u", "an underscore")):
        t.append(T(UCH, "username_%s_not_found" % name, "A UserName with %s passes validation; no such user exists." % what,
                   ["AllowedCharClass", "ValidatedNotFound"], [UCH, UEX], ram_req(user="${run}" + suffix),
                   ram_err("EntityNotExist.User"), "invalid"))
    mixed = "${run}.A-b_9"
    t.append(T(UCH, "username_all_classes_exists_detached", "An existing user whose name mixes every allowed class is detached.",
               ["AllowedCharClass", "StateDependent", "Effect"], [UCH, DET],
               ram_req(user=mixed), SUCCESS, "valid", given=[create_user(mixed), attach(user=mixed)],
               then=[ram_list(user=mixed, excludes=[SYS])]))
    t.append(T(UCH, "username_at_sign", "'@' is in the documented regex but not in the prose: accepted (then the user is not found) or rejected.",
               ["DocsDisagree", "ValidatedNotFound"], [UCH, UEX], ram_req(user="${run}@example"),
               any_of(ram_err("EntityNotExist.User", "AtAccepted"), ram_err("InvalidParameter.UserName.InvalidChars", "AtRejected")),
               "acceptable"))
    forbidden = [
        ("space", "${run} u", ["ForbiddenChar"]), ("slash", "${run}/u", ["ForbiddenChar", "UrlSyntaxChar"]),
        ("asterisk", "${run}*", ["ForbiddenChar"]), ("percent", "${run}%41", ["ForbiddenChar", "UrlSyntaxChar"]),
        ("double_quote", '${run}"u', ["ForbiddenChar"]), ("single_quote", "${run}'u", ["ForbiddenChar"]),
        ("backslash", "${run}\\u", ["ForbiddenChar"]), ("plus", "${run}+u", ["ForbiddenChar", "UrlSyntaxChar"]),
        ("ampersand", "${run}&u=1", ["ForbiddenChar", "UrlSyntaxChar"]), ("hash", "${run}#u", ["ForbiddenChar", "UrlSyntaxChar"]),
        ("question_mark", "${run}?u", ["ForbiddenChar", "UrlSyntaxChar"]), ("comma", "${run},u", ["ForbiddenChar"]),
        ("colon", "${run}:u", ["ForbiddenChar"]), ("angle_brackets", "${run}<u>", ["ForbiddenChar"]),
        ("cjk", "${run}用户", ["ForbiddenChar", "NonAscii"]), ("emoji", "${run}\U0001F600", ["ForbiddenChar", "NonAscii"]),
        ("nul", cat("${run}", hexv("00")), ["ForbiddenChar", "ControlChar"]),
        ("tab", cat("${run}", hexv("09"), "u"), ["ForbiddenChar", "ControlChar"]),
        ("newline", cat("${run}", hexv("0a"), "u"), ["ForbiddenChar", "ControlChar"]),
        ("del", cat("${run}", hexv("7f")), ["ForbiddenChar", "ControlChar"]),
        ("invalid_utf8_c328", cat("${run}", hexv("c3 28")), ["ForbiddenChar", "InvalidUtf8"]),
        ("invalid_utf8_lone_continuation", cat("${run}", hexv("80")), ["ForbiddenChar", "InvalidUtf8"]),
        ("invalid_utf8_overlong_slash", cat("${run}", hexv("c0 af")), ["ForbiddenChar", "InvalidUtf8"]),
        ("only_space", " ", ["ForbiddenChar"]),
    ]
    for name, value, flags in forbidden:
        t.append(T(UCH, "username_" + name, "A UserName with a character outside ^[a-zA-Z0-9.@_-]+$ (%s) is rejected." % name.replace("_", " "),
                   flags, [UCH], ram_req(user=value), ram_err("InvalidParameter.UserName.InvalidChars"), "invalid"))
    return t


def _ram_policyname_length():
    """PolicyName length."""
    t = []
    t.append(T(PLEN, "policyname_empty", "An empty PolicyName breaks the %d-%d length rule (and the '+' of the pattern): either error is conformant." % (PMIN, PMAX),
               ["EmptyValue", "BoundaryLength", "MultipleErrors"], [PLEN, PCH, PREC], ram_req(pname=""),
               any_of(ram_err("InvalidParameter.PolicyName.Length"), ram_err("InvalidParameter.PolicyName.InvalidChars")),
               "acceptable", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PLEN, "policyname_1_char_custom_not_found", "A 1-character Custom PolicyName passes validation; no such policy exists.",
               ["BoundaryLength", "ValidatedNotFound"], [PLEN, PEX], ram_req(pname="x", ptype="Custom"),
               ram_err("EntityNotExist.Policy"), "invalid",
               given=[absent("GetPolicy", {"PolicyName": "x", "PolicyType": "Custom"})] + USER_ATTACHED))
    for n in (PMAX - 1, PMAX):
        t.append(T(PLEN, "policyname_%d_chars_custom_detached" % n, "A %d-character Custom policy, attached, is detached." % n,
                   ["BoundaryLength", "StateDependent", "Effect"], [PLEN, DET, SHAPE],
                   ram_req(pname=exact_len(n), ptype="Custom"), SUCCESS, "valid",
                   given=[create_user(), dict(create_policy(exact_len(n)), save={"longPolicy": "Policy.PolicyName"}),
                          attach("Custom", exact_len(n))],
                   # CHECK values are plain strings: the created name comes back through a saved variable.
                   then=[ram_list(excludes=["${longPolicy}"])]))
    t.append(T(PLEN, "policyname_%d_chars_system_not_found" % PMAX, "A %d-character System PolicyName passes validation; no such system policy exists." % PMAX,
               ["BoundaryLength", "ValidatedNotFound"], [PLEN, PEX], ram_req(pname=exact_len(PMAX)),
               ram_err("EntityNotExist.Policy"), "invalid", given=USER_ATTACHED))
    for n, flag in ((PMAX + 1, "BoundaryLength"), (256, "FarBeyondLimit"), (4096, "FarBeyondLimit")):
        t.append(T(PLEN, "policyname_%d_chars" % n, "A %d-character PolicyName is beyond the %d-character limit." % (n, PMAX),
                   [flag], [PLEN], ram_req(pname=exact_len(n), ptype="Custom"),
                   ram_err("InvalidParameter.PolicyName.Length"), "invalid", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PLEN, "policyname_%d_chars_system" % (PMAX + 1), "A %d-character System PolicyName is beyond the limit as well." % (PMAX + 1),
               ["BoundaryLength"], [PLEN], ram_req(pname=exact_len(PMAX + 1)),
               ram_err("InvalidParameter.PolicyName.Length"), "invalid", given=USER_ATTACHED))
    return t


def _ram_policyname_characters():
    """PolicyName characters."""
    t = []
    t.append(T(PCH, "policyname_hyphen_custom_detached", "A Custom PolicyName with hyphens, letters and digits is detached.",
               ["AllowedCharClass", "StateDependent", "Effect"], [PCH, DET],
               ram_req(pname="${run}-Pol-9", ptype="Custom"), SUCCESS, "valid",
               given=[create_user(), create_policy("${run}-Pol-9"), attach("Custom", "${run}-Pol-9")],
               then=[ram_list(excludes=["${run}-Pol-9"])]))
    t.append(T(PCH, "policyname_hyphen_not_found", "A PolicyName with hyphens passes validation; no such Custom policy exists.",
               ["AllowedCharClass", "ValidatedNotFound"], [PCH, PEX], ram_req(pname="${run}-no-such", ptype="Custom"),
               ram_err("EntityNotExist.Policy"), "invalid", given=USER_ATTACHED))
    pforbidden = [
        ("underscore", "${run}_p", ["ForbiddenChar"]), ("dot", "${run}.p", ["ForbiddenChar"]),
        ("space", "${run} p", ["ForbiddenChar"]), ("at_sign", "${run}@p", ["ForbiddenChar"]),
        ("slash", "${run}/p", ["ForbiddenChar", "UrlSyntaxChar"]), ("asterisk", "Aliyun*", ["ForbiddenChar"]),
        ("ampersand", "${run}&PolicyType=System", ["ForbiddenChar", "UrlSyntaxChar"]),
        ("cjk", "${run}策略", ["ForbiddenChar", "NonAscii"]), ("emoji", "${run}\U0001F510", ["ForbiddenChar", "NonAscii"]),
        ("control_char", cat("${run}", hexv("01")), ["ForbiddenChar", "ControlChar"]),
        ("invalid_utf8", cat("${run}", hexv("ff fe")), ["ForbiddenChar", "InvalidUtf8"]),
        ("system_name_with_space", "ReadOnly Access", ["ForbiddenChar"]),
    ]
    for name, value, flags in pforbidden:
        t.append(T(PCH, "policyname_" + name, "A PolicyName with a character outside ^[a-zA-Z0-9-]+$ (%s) is rejected; both spellings of the documented message conform." % name.replace("_", " "),
                   flags + ["DocTypo"], [PCH], ram_req(pname=value, ptype="Custom"),
                   ram_err("InvalidParameter.PolicyName.InvalidChars"), "invalid", given=USER_ATTACHED, then=STILL_ATTACHED))
    return t


def _ram_policytype():
    """PolicyType."""
    t = []
    for name, value, flags in (("other_word", "Managed", ["ForbiddenChar"]), ("empty", "", ["EmptyValue"]),
                               ("trailing_space", "System ", ["ForbiddenChar"]), ("prefix", "Sys", ["ForbiddenChar"]),
                               ("longer_word", "Customer", ["ForbiddenChar"]), ("both", "System,Custom", ["ForbiddenChar"])):
        t.append(T(PTYPE, "policytype_" + name, "PolicyType must be exactly System or Custom: %r is rejected." % value,
                   flags, [PTYPE], ram_req(ptype=value), ram_err("InvalidParameter.PolicyType"), "invalid",
                   given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PTYPE, "policytype_lower_case_system", "'system' in lower case: accepted and processed (the policy is detached) or rejected; UNCONFIRMED.",
               ["CaseVariant", "Unconfirmed"], [PTYPE], ram_req(ptype="system"),
               # A success must have detached; a rejection must have left it (issue: 200 with nothing detached).
               any_of(with_then(success("CaseInsensitiveAccepted"), [ram_list(excludes=[SYS])]),
                      with_then(ram_err("InvalidParameter.PolicyType", "CaseSensitiveRejected"), STILL_ATTACHED)),
               "acceptable", given=USER_ATTACHED))
    t.append(T(PTYPE, "policytype_upper_case_custom", "'CUSTOM' in upper case: accepted and processed or rejected; UNCONFIRMED.",
               ["CaseVariant", "Unconfirmed"], [PTYPE], ram_req(pname=CUSTOM, ptype="CUSTOM"),
               any_of(with_then(success("CaseInsensitiveAccepted"), [ram_list(excludes=[CUSTOM])]),
                      with_then(ram_err("InvalidParameter.PolicyType", "CaseSensitiveRejected"), [ram_list(includes=[CUSTOM])])),
               "acceptable", given=[create_user(), create_policy(), attach("Custom", CUSTOM)]))
    t.append(T(PTYPE, "policytype_system_detached", "PolicyType System detaches an attached system policy.",
               ["StateDependent", "Effect"], [PTYPE, DET, SHAPE], ram_req(), SUCCESS, "valid",
               given=USER_ATTACHED, then=[ram_list(excludes=[SYS])]))
    t.append(T(PTYPE, "policytype_custom_detached", "PolicyType Custom detaches an attached custom policy.",
               ["StateDependent", "Effect"], [PTYPE, DET, SHAPE], ram_req(pname=CUSTOM, ptype="Custom"), SUCCESS, "valid",
               given=[create_user(), create_policy(), attach("Custom", CUSTOM)], then=[ram_list(excludes=[CUSTOM])]))
    return t


def _ram_required_parameters():
    """Required parameters."""
    t = []
    for param, rule in (("UserName", R + "UserName.required"), ("PolicyName", R + "PolicyName.required"),
                        ("PolicyType", R + "PolicyType.required")):
        t.append(T(rule, "missing_" + param.lower(), "%s not sent: rejected with a 4xx; which code is UNCONFIRMED (docs/sources/gateway.md#gateway-codes)." % param,
                   ["MissingParameter", "Unconfirmed"], [rule], ram_req(drop=(param,)),
                   any_of(*missing_family(param)), "acceptable", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(R + "UserName.required", "missing_all_parameters", "No business parameter at all: rejected with a 4xx naming one of them.",
               ["MissingParameter", "Unconfirmed", "MultipleErrors"],
               [R + "UserName.required", R + "PolicyName.required", R + "PolicyType.required", PREC],
               ram_req(drop=("UserName", "PolicyName", "PolicyType")),
               any_of(*(missing_family("UserName") + missing_family("PolicyName")[1:] + missing_family("PolicyType")[1:])),
               "acceptable"))
    return t


def _ram_existence():
    """Existence."""
    t = []
    t.append(T(UEX, "unknown_user", "A well-formed user name that does not exist.",
               ["ValidatedNotFound", "StateDependent"], [UEX], ram_req(user="${run}-nobody"), ram_err("EntityNotExist.User"), "invalid"))
    t.append(T(UEX, "unknown_user_custom_policy_exists", "The user does not exist although the Custom policy does.",
               ["ValidatedNotFound", "StateDependent"], [UEX], ram_req(user="${run}-nobody", pname=CUSTOM, ptype="Custom"),
               ram_err("EntityNotExist.User"), "invalid", given=[create_policy()]))
    t.append(T(PEX, "unknown_custom_policy", "A well-formed Custom policy name that does not exist.",
               ["ValidatedNotFound", "StateDependent"], [PEX], ram_req(pname="${run}-nopolicy", ptype="Custom"),
               ram_err("EntityNotExist.Policy"), "invalid", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PEX, "unknown_system_policy", "A well-formed System policy name that is not in the system list.",
               ["ValidatedNotFound", "StateDependent"], [PEX], ram_req(pname="AliyunNoSuchService${run}Access"),
               ram_err("EntityNotExist.Policy"), "invalid", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PEX, "system_policy_detached_as_custom", "ReadOnlyAccess is attached as System; asking for a Custom policy of that name finds none.",
               ["TypeMismatch", "StateDependent", "Effect"], [PEX], ram_req(ptype="Custom"),
               ram_err("EntityNotExist.Policy"), "invalid", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PEX, "custom_policy_detached_as_system", "A Custom policy attached; asking for a System policy of that name finds none.",
               ["TypeMismatch", "StateDependent", "Effect"], [PEX], ram_req(pname=CUSTOM, ptype="System"),
               ram_err("EntityNotExist.Policy"), "invalid", given=[create_user(), create_policy(), attach("Custom", CUSTOM)],
               then=[ram_list(includes=[CUSTOM])]))
    t.append(T(PEX, "custom_named_like_system_not_attached",
               "A Custom policy named like a System one exists (an endpoint may refuse to create it: skip); only the System one is attached, so detaching the Custom one finds no attachment and the System one stays.",
               ["TypeMismatch", "StateDependent", "FixtureMayBeRefused", "Effect"], [PEX, AEX, OTH],
               ram_req(pname=SYS2, ptype="Custom"), ram_err("EntityNotExist.User.Policy"), "invalid",
               given=[create_user(), create_policy(SYS2, or_skip=True), attach("System", SYS2)],
               then=[ram_list(includes=[SYS2]), ram_list(includes=["System"], path="Policies.Policy[*].PolicyType")]))
    t.append(T(PEX, "custom_named_like_system_detached_system_stays",
               "Both the System policy and a Custom policy of the same name are attached (either step may be refused: skip); detaching the Custom one leaves the System one.",
               ["TypeMismatch", "StateDependent", "FixtureMayBeRefused", "Effect", "Isolation"], [PEX, DET, OTH],
               ram_req(pname=SYS2, ptype="Custom"), SUCCESS, "valid",
               given=[create_user(), create_policy(SYS2, or_skip=True), attach("System", SYS2),
                      attach("Custom", SYS2, or_skip=True)],
               # names alone cannot tell the two apart: the user's only remaining attachment must be the System one
               then=[ram_list(includes=[SYS2]),
                     ram_list(includes=["System"], excludes=["Custom"], path="Policies.Policy[*].PolicyType")]))
    return t


def _ram_attachment():
    """Attachment."""
    t = []
    t.append(T(AEX, "system_policy_not_attached", "User and System policy exist but the policy is not attached to the user.",
               ["StateDependent"], [AEX], ram_req(pname=SYS2), ram_err("EntityNotExist.User.Policy"), "invalid",
               given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(AEX, "custom_policy_not_attached", "User and Custom policy exist but the policy is not attached.",
               ["StateDependent"], [AEX], ram_req(pname=CUSTOM, ptype="Custom"), ram_err("EntityNotExist.User.Policy"), "invalid",
               given=[create_user(), create_policy()]))
    t.append(T(AEX, "user_without_any_policy", "A fresh user with no attachment at all.",
               ["StateDependent"], [AEX], ram_req(), ram_err("EntityNotExist.User.Policy"), "invalid", given=[create_user()]))
    t.append(T(AEX, "detach_twice", "The second detach of the same attachment finds nothing to detach.",
               ["Idempotency", "StateDependent"], [AEX], ram_req(), ram_err("EntityNotExist.User.Policy"), "invalid",
               given=USER_ATTACHED + [{"call": "DetachPolicyFromUser", "params": {"PolicyType": "System", "PolicyName": SYS, "UserName": U}}],
               then=[ram_list(excludes=[SYS])]))
    t.append(T(AEX, "attached_to_other_user_only", "The policy is attached to another user, not to this one; the other user's attachment stays.",
               ["StateDependent", "Isolation"], [AEX, OTH], ram_req(), ram_err("EntityNotExist.User.Policy"), "invalid",
               given=[create_user(), create_user(U2), attach(user=U2)], then=[ram_list(user=U2, includes=[SYS])]))
    return t


def _ram_effects():
    """Effects."""
    t = []
    t.append(T(DET, "detach_one_of_three", "The user holds two System and one Custom policy; only the named one goes.",
               ["StateDependent", "Effect", "Isolation"], [DET, OTH, SHAPE], ram_req(pname=SYS2), SUCCESS, "valid",
               given=[create_user(), create_policy(), attach(), attach("System", SYS2), attach("Custom", CUSTOM)],
               then=[ram_list(includes=[SYS, CUSTOM], excludes=[SYS2])]))
    t.append(T(OTH, "other_user_same_policy_untouched", "Two users hold the same System policy; detaching from one leaves the other's.",
               ["StateDependent", "Effect", "Isolation"], [DET, OTH], ram_req(), SUCCESS, "valid",
               given=[create_user(), create_user(U2), attach(), attach(user=U2)],
               then=[ram_list(excludes=[SYS]), ram_list(user=U2, includes=[SYS])]))
    t.append(T(OTH, "other_user_same_custom_policy_untouched", "Two users hold the same Custom policy; detaching from one leaves the other's.",
               ["StateDependent", "Effect", "Isolation"], [DET, OTH], ram_req(pname=CUSTOM, ptype="Custom"), SUCCESS, "valid",
               given=[create_user(), create_user(U2), create_policy(), attach("Custom", CUSTOM), attach("Custom", CUSTOM, user=U2)],
               then=[ram_list(excludes=[CUSTOM]), ram_list(user=U2, includes=[CUSTOM])]))
    t.append(T(OTH, "custom_detached_system_stays", "Detaching the Custom policy leaves the user's System policy.",
               ["StateDependent", "Effect", "Isolation"], [DET, OTH], ram_req(pname=CUSTOM, ptype="Custom"), SUCCESS, "valid",
               given=[create_user(), create_policy(), attach(), attach("Custom", CUSTOM)],
               then=[ram_list(includes=[SYS], excludes=[CUSTOM])]))
    t.append(T(SHAPE, "success_body_only_request_id", "The success body carries RequestId (checked for every vector) and nothing documented besides.",
               ["ResponseShape", "StateDependent"], [SHAPE, DET], ram_req(), SUCCESS, "valid", given=USER_ATTACHED,
               then=[ram_list(excludes=[SYS])]))
    return t


def _ram_permission():
    """Permission."""
    t = []
    t.append(T(PERM, "unprivileged_caller", "A RAM identity without ram:DetachPolicyFromUser is refused and nothing changes.",
               ["Permission", "StateDependent", "Effect"], [PERM], ram_req(caller="unprivileged"), ram_err("NoPermission"), "invalid",
               given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PERM, "unprivileged_caller_custom", "The unprivileged caller cannot detach a Custom policy either.",
               ["Permission", "StateDependent", "Effect"], [PERM], ram_req(pname=CUSTOM, ptype="Custom", caller="unprivileged"),
               ram_err("NoPermission"), "invalid", given=[create_user(), create_policy(), attach("Custom", CUSTOM)],
               then=[ram_list(includes=[CUSTOM])]))
    t.append(T(PERM, "unprivileged_caller_unknown_user", "Unprivileged caller and unknown user: the denial or the not-found may come first.",
               ["Permission", "MultipleErrors"], [PERM, UEX, PREC], ram_req(user="${run}-nobody", caller="unprivileged"),
               any_of(ram_err("NoPermission"), ram_err("EntityNotExist.User")), "acceptable"))
    t.append(T(PERM, "unprivileged_caller_invalid_username", "Unprivileged caller and an invalid UserName: either error may come first.",
               ["Permission", "MultipleErrors", "ForbiddenChar"], [PERM, UCH, PREC], ram_req(user="${run}*", caller="unprivileged"),
               any_of(ram_err("NoPermission"), ram_err("InvalidParameter.UserName.InvalidChars")), "acceptable"))
    return t


def _ram_case_sensitivity_of_names():
    """Case sensitivity of names."""
    t = []
    t.append(T(CASE, "system_policy_name_other_case", "AliyunOSSFullAccess attached, detach 'AliyunOssFullAccess': case-insensitive match (detached) or not found; UNCONFIRMED (funcraft #508).",
               ["CaseVariant", "Unconfirmed", "StateDependent"], [CASE], ram_req(pname="AliyunOssFullAccess"),
               any_of(with_then(success("CaseInsensitive"), [ram_list(excludes=[SYS2])]),
                      with_then(ram_err("EntityNotExist.Policy", "CaseSensitivePolicy"), [ram_list(includes=[SYS2])]),
                      with_then(ram_err("EntityNotExist.User.Policy", "CaseSensitiveAttachment"), [ram_list(includes=[SYS2])])),
               "acceptable", given=[create_user(), attach("System", SYS2)]))
    t.append(T(CASE, "custom_policy_name_other_case", "Custom '${run}-Case' attached, detach '${run}-CASE': case-insensitive match or not found.",
               ["CaseVariant", "Unconfirmed", "StateDependent"], [CASE], ram_req(pname="${run}-CASE", ptype="Custom"),
               any_of(with_then(success("CaseInsensitive"), [ram_list(excludes=["${run}-Case"])]),
                      with_then(ram_err("EntityNotExist.Policy", "CaseSensitivePolicy"), [ram_list(includes=["${run}-Case"])]),
                      with_then(ram_err("EntityNotExist.User.Policy", "CaseSensitiveAttachment"), [ram_list(includes=["${run}-Case"])])),
               "acceptable", given=[create_user(), create_policy("${run}-Case"), attach("Custom", "${run}-Case")]))
    t.append(T(CASE, "user_name_other_case", "User '${run}-u' holds the policy; detach for '${run}-U': user names matched case-insensitively or not found.",
               ["CaseVariant", "Unconfirmed", "StateDependent"], [CASE, UEX], ram_req(user="${run}-U"),
               any_of(with_then(success("CaseInsensitive"), [ram_list(excludes=[SYS])]),
                      with_then(ram_err("EntityNotExist.User", "CaseSensitiveUser"), STILL_ATTACHED)),
               "acceptable", given=USER_ATTACHED))
    return t


def _ram_several_rules_broken_at_once():
    """Several rules broken at once."""
    t = []
    t.append(T(PREC, "bad_type_and_long_username", "Invalid PolicyType and a %d-character UserName." % (UMAX + 1),
               ["MultipleErrors", "BoundaryLength"], [PREC, PTYPE, ULEN], ram_req(user=exact_len(UMAX + 1), ptype="Managed"),
               any_of(ram_err("InvalidParameter.PolicyType"), ram_err("InvalidParameter.UserName.Length")), "acceptable"))
    t.append(T(PREC, "invalid_chars_in_both_names", "Invalid characters in UserName and in PolicyName.",
               ["MultipleErrors", "ForbiddenChar", "DocTypo"], [PREC, UCH, PCH], ram_req(user="${run} u", pname="${run}_p"),
               any_of(ram_err("InvalidParameter.UserName.InvalidChars"), ram_err("InvalidParameter.PolicyName.InvalidChars")), "acceptable"))
    t.append(T(PREC, "both_names_too_long", "UserName of %d and PolicyName of %d characters." % (UMAX + 1, PMAX + 1),
               ["MultipleErrors", "BoundaryLength"], [PREC, ULEN, PLEN], ram_req(user=exact_len(UMAX + 1), pname=exact_len(PMAX + 1)),
               any_of(ram_err("InvalidParameter.UserName.Length"), ram_err("InvalidParameter.PolicyName.Length")), "acceptable"))
    t.append(T(PREC, "username_too_long_and_invalid_chars", "A %d-character UserName that also holds a space." % (UMAX + 1),
               ["MultipleErrors", "BoundaryLength", "ForbiddenChar"], [PREC, ULEN, UCH], ram_req(user=cat("${run} ", rep("a", 56))),
               any_of(ram_err("InvalidParameter.UserName.Length"), ram_err("InvalidParameter.UserName.InvalidChars")), "acceptable"))
    t.append(T(PREC, "policyname_too_long_and_invalid_chars", "A %d-character PolicyName that also holds an underscore." % (PMAX + 1),
               ["MultipleErrors", "BoundaryLength", "ForbiddenChar", "DocTypo"], [PREC, PLEN, PCH],
               ram_req(pname=cat("${run}_", rep("p", 120)), ptype="Custom"),
               # the user is never created: a lazily validating endpoint may look it up first
               any_of(ram_err("InvalidParameter.PolicyName.Length"), ram_err("InvalidParameter.PolicyName.InvalidChars"),
                      ram_err("EntityNotExist.User")), "acceptable"))
    t.append(T(PREC, "missing_username_and_bad_type", "UserName not sent and PolicyType invalid.",
               ["MultipleErrors", "MissingParameter"], [PREC, R + "UserName.required", PTYPE], ram_req(ptype="Managed", drop=("UserName",)),
               any_of(*(missing_family("UserName") + [ram_err("InvalidParameter.PolicyType")])), "acceptable"))
    t.append(T(PREC, "unknown_user_and_unknown_policy", "Neither the user nor the Custom policy exists.",
               ["MultipleErrors", "ValidatedNotFound"], [PREC, UEX, PEX], ram_req(user="${run}-nobody", pname="${run}-nopolicy", ptype="Custom"),
               any_of(ram_err("EntityNotExist.User"), ram_err("EntityNotExist.Policy")), "acceptable"))
    t.append(T(PREC, "unknown_user_and_invalid_policyname", "The user does not exist and the PolicyName is malformed.",
               ["MultipleErrors", "ForbiddenChar", "DocTypo"], [PREC, UEX, PCH], ram_req(user="${run}-nobody", pname="${run}.p"),
               any_of(ram_err("InvalidParameter.PolicyName.InvalidChars"), ram_err("EntityNotExist.User")), "acceptable"))
    t.append(T(PREC, "bad_type_and_invalid_policyname", "Invalid PolicyType and a malformed PolicyName.",
               ["MultipleErrors", "ForbiddenChar", "DocTypo"], [PREC, PTYPE, PCH], ram_req(pname="${run}.p", ptype="Other"),
               any_of(ram_err("InvalidParameter.PolicyType"), ram_err("InvalidParameter.PolicyName.InvalidChars"),
                      ram_err("EntityNotExist.User")),  # the user is never created
               "acceptable"))
    return t


def _ram_appended_later():
    """Appended later (tcIds are positions: append only)."""
    t = []
    t.append(T(R + "UserName.required", "missing_username_custom_policy", "UserName not sent while the Custom policy exists: a 4xx of the missing family.",
               ["MissingParameter", "Unconfirmed"], [R + "UserName.required"], ram_req(pname=CUSTOM, ptype="Custom", drop=("UserName",)),
               any_of(*missing_family("UserName")), "acceptable", given=[create_user(), create_policy(), attach("Custom", CUSTOM)],
               then=[ram_list(includes=[CUSTOM])]))
    # Second witnesses on a Custom policy for rules only one vector used to catch.
    CUSTOM_ATTACHED = [create_user(), create_policy(), attach("Custom", CUSTOM)]
    CUSTOM_STAYS = [ram_list(includes=[CUSTOM])]
    t.append(T(ULEN, "username_%d_chars_custom" % (UMAX + 1), "A %d-character UserName with a Custom policy is beyond the limit too." % (UMAX + 1),
               ["BoundaryLength"], [ULEN], ram_req(user=exact_len(UMAX + 1), pname=CUSTOM, ptype="Custom"),
               ram_err("InvalidParameter.UserName.Length"), "invalid", given=[create_policy()]))
    t.append(T(ULEN, "username_empty_custom", "An empty UserName with a Custom policy: the length or the pattern error.",
               ["EmptyValue", "BoundaryLength", "MultipleErrors"], [ULEN, UCH, PREC], ram_req(user="", pname=CUSTOM, ptype="Custom"),
               any_of(ram_err("InvalidParameter.UserName.Length"), ram_err("InvalidParameter.UserName.InvalidChars")),
               "acceptable", given=[create_policy()]))
    t.append(T(PCH, "policyname_underscore_system", "An underscore in a System PolicyName is rejected as well.",
               ["ForbiddenChar", "DocTypo"], [PCH], ram_req(pname="Aliyun_OSSFullAccess"),
               ram_err("InvalidParameter.PolicyName.InvalidChars"), "invalid", given=USER_ATTACHED, then=STILL_ATTACHED))
    t.append(T(PLEN, "policyname_empty_custom", "An empty PolicyName with PolicyType Custom: the length or the pattern error.",
               ["EmptyValue", "BoundaryLength", "MultipleErrors"], [PLEN, PCH, PREC], ram_req(pname="", ptype="Custom"),
               any_of(ram_err("InvalidParameter.PolicyName.Length"), ram_err("InvalidParameter.PolicyName.InvalidChars")),
               "acceptable", given=CUSTOM_ATTACHED, then=CUSTOM_STAYS))
    t.append(T(R + "PolicyName.required", "missing_policyname_custom", "PolicyName not sent with PolicyType Custom: a 4xx of the missing family.",
               ["MissingParameter", "Unconfirmed"], [R + "PolicyName.required"], ram_req(pname=CUSTOM, ptype="Custom", drop=("PolicyName",)),
               any_of(*missing_family("PolicyName")), "acceptable", given=CUSTOM_ATTACHED, then=CUSTOM_STAYS))
    t.append(T(R + "PolicyType.required", "missing_policytype_custom", "PolicyType not sent for an attached Custom policy: a 4xx, never a guessed type.",
               ["MissingParameter", "Unconfirmed"], [R + "PolicyType.required"], ram_req(pname=CUSTOM, drop=("PolicyType",)),
               any_of(*missing_family("PolicyType")), "acceptable", given=CUSTOM_ATTACHED, then=CUSTOM_STAYS))
    t.append(T(PTYPE, "policytype_empty_custom", "An empty PolicyType for an attached Custom policy is rejected.",
               ["EmptyValue"], [PTYPE], ram_req(pname=CUSTOM, ptype=""), ram_err("InvalidParameter.PolicyType"), "invalid",
               given=CUSTOM_ATTACHED, then=CUSTOM_STAYS))
    return t


def _ram_policy_kept_and_gateway():
    """Detach removes the attachment, never the policy; and the gateway's authentication."""
    t = []
    for kind, name, given in (("Custom", CUSTOM, [create_user(), create_policy(), attach("Custom", CUSTOM)]),
                              ("System", SYS, USER_ATTACHED)):
        detach = {"call": "DetachPolicyFromUser", "params": {"PolicyType": kind, "PolicyName": name, "UserName": U}}
        t.append(T(OTH, "reattach_after_detach_" + kind.lower(),
                   "After a detach the %s policy still exists: attaching it again succeeds and it is listed." % kind,
                   ["StateDependent", "Effect"], [OTH, DET],
                   {"action": "AttachPolicyToUser", "params": {"PolicyType": kind, "PolicyName": name, "UserName": U}},
                   SUCCESS, "valid", given=given + [detach], then=[ram_list(includes=[name])]))
    t += gateway_tests(ram_req(), USER_ATTACHED, STILL_ATTACHED, [ram_list(excludes=[SYS])])
    return t


# The order of this list is the tcId order: append only.
RAM_SECTIONS = [_ram_username_length, _ram_username_characters, _ram_policyname_length, _ram_policyname_characters, _ram_policytype, _ram_required_parameters, _ram_existence, _ram_attachment, _ram_effects, _ram_permission, _ram_case_sensitivity_of_names, _ram_several_rules_broken_at_once, _ram_appended_later, _ram_policy_kept_and_gateway]

def ram_tests():
    return [test for section in RAM_SECTIONS for test in section()]


RAM_HEADER = {
    "schema": "acsconf_vectors_v1.schema.json", "product": "Ram", "version": "2015-05-01", "operation": "DetachPolicyFromUser",
    "generator": "vectors/tools/generate_vectors.py",
    "sources": {"docs": "docs/sources/ram.md", "catalogue": "conformance/model/catalogue/catalogue.json", "rules": "conformance/model/RULES.md"},
}
