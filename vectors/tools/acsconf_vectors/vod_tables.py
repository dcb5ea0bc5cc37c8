"""VOD 2017-03-21 DetachAppPolicyFromIdentity: the fixtures and every test, one function per rule section.

tcId stability: a test's tcId is its position in the concatenation of VOD_SECTIONS. Only ever APPEND
(to the last section); never delete or reorder entries.
"""

from .common import T, any_of, cat, hexv, invalid_family, missing_family, rep, success, vod_err, with_then
from .gateway_tables import gateway_tests
from .ram_tables import POLICY_DOC

# ---------------------------------------------------------------------------------------------
# VOD DetachAppPolicyFromIdentity
# ---------------------------------------------------------------------------------------------
V = "vod.DetachAppPolicyFromIdentity."
FULL, READ, ADMIN = "VODAppFullAccess", "VODAppReadOnlyAccess", "VODAppAdministratorAccess"
VU, VU2, VR = "${run}-vu", "${run}-vw", "${run}-vr"
ROLE_DOC = '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":["vod.aliyuncs.com"]}}],"Version":"1"}'
APP_PATH = "AppPolicyList[*].PolicyName"


def vod_user(var="uid", name=VU):
    return {"call": "CreateUser", "product": "Ram", "params": {"UserName": name}, "save": {var: "User.UserId"}}


def vod_role(name=VR):
    return {"call": "CreateRole", "product": "Ram", "params": {"RoleName": name, "AssumeRolePolicyDocument": ROLE_DOC}}


def vod_app(var="app", suffix="a"):
    return {"call": "CreateAppInfo", "params": {"AppName": "${run}-" + suffix}, "save": {var: "AppId"}}


def vod_attach(policies, itype="RamUser", iname="${uid}", app="${app}"):
    params = {"IdentityType": itype, "IdentityName": iname, "PolicyNames": policies}
    if app is not None:
        params["AppId"] = app
    return {"call": "AttachAppPolicyToIdentity", "params": params}


def vod_list(itype="RamUser", iname="${uid}", app="${app}", includes=None, excludes=None):
    params = {"IdentityType": itype, "IdentityName": iname}
    if app is not None:
        params["AppId"] = app
    check = {"call": "ListAppPoliciesForIdentity", "params": params, "path": APP_PATH}
    if includes:
        check["includes"] = includes
    if excludes:
        check["excludes"] = excludes
    return check


def vod_req(policies=FULL, itype="RamUser", iname="${uid}", app="${app}", caller=None, drop=()):
    params = {"IdentityType": itype, "IdentityName": iname, "PolicyNames": policies}
    if app is not None:
        params["AppId"] = app
    for key in drop:
        params.pop(key, None)
    req = {"params": params}
    if caller:
        req["caller"] = caller
    return req


VOD_REQ_ARG = {"IdentityType": "itype", "IdentityName": "iname", "PolicyNames": "policies"}  # vod_req keyword per parameter
USER_APP_FULL = [vod_user(), vod_app(), vod_attach(FULL)]
FULL_STAYS = [vod_list(includes=[FULL])]


def reported(names, label_prefix=""):
    """The two plausible places for a name that could not be detached (docs/sources/vod.md#response: UNCONFIRMED)."""
    return [success(label_prefix + "NonExistPolicyNames", {"NonExistPolicyNames": names}),
            success(label_prefix + "FailedPolicyNames", {"FailedPolicyNames": names})]


def identity_not_found(names):
    """Unknown identity: a 4xx naming IdentityName, or a 2xx that reports every name (RULES: IdentityName.exists)."""
    family = {"statusClass": "4xx",
              "codeMatches": r"^(InvalidParameter(\.IdentityName(\.[A-Za-z]+)?)?|InvalidIdentityName(\.[A-Za-z]+)?|EntityNotExist\.(User|Role))$",
              "label": "IdentityRejected"}
    return any_of(family, *reported(names, "Identity"))



# Rule ids of the groups below.
SVC, PERM = V + "service.open", V + "permission"
REQ_T, REQ_N, REQ_P = V + "IdentityType.required", V + "IdentityName.required", V + "PolicyNames.required"
TYPE, UID, IEX = V + "IdentityType.values", V + "IdentityName.userId", V + "IdentityName.exists"
AOPT, AREQ, AMIX, AEX = V + "AppId.optionalForAdmin", V + "AppId.requiredOtherwise", V + "AppId.mixedList", V + "AppId.exists"
LIST, UNK, SYSO, NATT = V + "PolicyNames.list", V + "PolicyNames.unknown", V + "PolicyNames.systemOnly", V + "PolicyNames.notAttached"
DUP, EMPTY, WS = V + "PolicyNames.duplicates", V + "PolicyNames.emptyItems", V + "PolicyNames.whitespace"
DET, OTH, SHAPE, PREC = V + "effect.detached", V + "effect.othersUntouched", V + "response.shape", V + "errorPrecedence"
closed = {"precondition": "vod.multiAppService", "value": "closed"}


def _vod_service_and_permission():
    """Service and permission."""
    t = []
    # No VOD fixture: every multi-app call (fixtures included) fails while the service is closed.
    t.append(T(SVC, "service_not_open", "The multi-application service is closed: every call is refused.",
               ["ServiceClosed", "Precondition"], [SVC], vod_req(iname="${run}0", app="app-1000000"),
               vod_err("OperationDenied.NotOpenAppService"), "invalid", given=[closed]))
    t.append(T(SVC, "service_not_open_admin_policy", "Closed service, admin policy without AppId: still refused.",
               ["ServiceClosed", "Precondition"], [SVC], vod_req(ADMIN, iname="${run}0", app=None),
               vod_err("OperationDenied.NotOpenAppService"), "invalid", given=[closed]))
    t.append(T(SVC, "service_not_open_role", "Closed service, RamRole identity: still refused.",
               ["ServiceClosed", "Precondition"], [SVC], vod_req(itype="RamRole", iname=VR, app="app-1000000"),
               vod_err("OperationDenied.NotOpenAppService"), "invalid", given=[vod_role(), closed]))
    t.append(T(SVC, "service_not_open_and_invalid_type", "Closed service and an invalid IdentityType: either error may come first.",
               ["ServiceClosed", "Precondition", "MultipleErrors"], [SVC, TYPE, PREC], vod_req(itype="RamGroup", iname="${run}0", app="app-1000000"),
               any_of(vod_err("OperationDenied.NotOpenAppService"), invalid_family("IdentityType")), "acceptable", given=[closed]))
    t.append(T(SVC, "service_not_open_and_unprivileged", "Closed service and an unprivileged caller: either refusal may come first.",
               ["ServiceClosed", "Precondition", "Permission", "MultipleErrors"], [SVC, PERM, PREC],
               vod_req(iname="${run}0", app="app-1000000", caller="unprivileged"),
               any_of(vod_err("OperationDenied.NotOpenAppService"), vod_err("Forbidden.OperateApp"),
                      {"status": 403, "code": "Forbidden", "label": "Forbidden"}), "acceptable", given=[closed]))
    t.append(T(SVC, "service_not_open_missing_policynames", "Closed service and PolicyNames not sent.",
               ["ServiceClosed", "Precondition", "MultipleErrors", "MissingParameter"], [SVC, REQ_P, PREC],
               vod_req(iname="${run}0", app="app-1000000", drop=("PolicyNames",)),
               any_of(vod_err("OperationDenied.NotOpenAppService"), *missing_family("PolicyNames")), "acceptable", given=[closed]))
    perm_denied = [vod_err("Forbidden.OperateApp"),
                   # the RAM gateway may refuse an identity without any permission before VOD looks at apps
                   {"status": 403, "code": "Forbidden.RAM", "label": "Forbidden.RAM"},
                   # VOD's common error table (docs/sources/vod.md): the generic refusal
                   {"status": 403, "code": "Forbidden", "label": "Forbidden"}]
    t.append(T(PERM, "unprivileged_caller", "A caller that is not an application administrator is refused; the attachment stays.",
               ["Permission", "StateDependent", "Effect"], [PERM], vod_req(caller="unprivileged"),
               any_of(*perm_denied), "invalid", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(PERM, "unprivileged_caller_admin_policy", "The unprivileged caller cannot revoke another identity's admin policy.",
               ["Permission", "StateDependent", "Effect"], [PERM], vod_req(ADMIN, app=None, caller="unprivileged"),
               any_of(*perm_denied), "invalid", given=[vod_user(), vod_attach(ADMIN, app=None)],
               then=[vod_list(app=None, includes=[ADMIN])]))
    t.append(T(PERM, "unprivileged_caller_role", "The unprivileged caller cannot detach from a role either.",
               ["Permission", "StateDependent", "Effect"], [PERM], vod_req(itype="RamRole", iname=VR, caller="unprivileged"),
               any_of(*perm_denied), "invalid", given=[vod_role(), vod_app(), vod_attach(FULL, "RamRole", VR)],
               then=[vod_list("RamRole", VR, includes=[FULL])]))
    t.append(T(PERM, "unprivileged_caller_missing_identitytype", "Unprivileged caller and IdentityType not sent: either error may come first.",
               ["Permission", "MissingParameter", "MultipleErrors"], [PERM, REQ_T, PREC],
               vod_req(iname="${run}0", app="app-1000000", caller="unprivileged", drop=("IdentityType",)),
               any_of(*(perm_denied + missing_family("IdentityType"))), "acceptable"))
    return t


def _vod_required_parameters():
    """Required parameters."""
    t = []
    for param, rule in (("IdentityType", REQ_T), ("IdentityName", REQ_N), ("PolicyNames", REQ_P)):
        t.append(T(rule, "missing_" + param.lower(), "%s not sent: rejected with a 4xx; the code is UNCONFIRMED." % param,
                   ["MissingParameter", "Unconfirmed", "StateDependent", "Effect"], [rule], vod_req(drop=(param,)),
                   any_of(*missing_family(param)), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
        t.append(T(rule, "empty_" + param.lower(), "%s sent empty: rejected with a 4xx (missing or invalid family)." % param,
                   ["EmptyValue", "Unconfirmed", "StateDependent", "Effect"], [rule], vod_req(**{VOD_REQ_ARG[param]: ""}),
                   any_of(*missing_family(param)), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(REQ_T, "missing_all_parameters", "No business parameter at all: a 4xx naming one of them.",
               ["MissingParameter", "Unconfirmed", "MultipleErrors"], [REQ_T, REQ_N, REQ_P, PREC],
               vod_req(app=None, drop=("IdentityType", "IdentityName", "PolicyNames")),
               any_of(*(missing_family("IdentityType") + missing_family("IdentityName")[1:] + missing_family("PolicyNames")[1:])),
               "acceptable"))
    return t


def _vod_identitytype():
    """IdentityType."""
    t = []
    for name, value, flags in (("ram_group", "RamGroup", ["ForbiddenChar"]), ("user", "User", ["ForbiddenChar"]),
                               ("role", "Role", ["ForbiddenChar"]), ("trailing_space", "RamUser ", ["ForbiddenChar"]),
                               ("both", "RamUser,RamRole", ["ForbiddenChar"]), ("cjk", "用户", ["NonAscii"])):
        t.append(T(TYPE, "identitytype_" + name, "IdentityType must be RamUser or RamRole: %r is rejected with a 4xx and nothing changes." % value,
                   flags, [TYPE], vod_req(itype=value),
                   any_of({"status": 400, "code": "InvalidParameter", "label": "InvalidParameter"},
                          invalid_family("IdentityType", "InvalidParameterFamily")), "invalid",
                   given=USER_APP_FULL, then=FULL_STAYS))
    for name, value in (("lower_case_ramuser", "ramuser"), ("upper_case_ramuser", "RAMUSER")):
        t.append(T(TYPE, "identitytype_" + name, "%r: accepted as RamUser (detached) or rejected; UNCONFIRMED." % value,
                   ["CaseVariant", "Unconfirmed", "StateDependent"], [TYPE], vod_req(itype=value),
                   any_of(with_then(success("CaseInsensitiveAccepted"), [vod_list(excludes=[FULL])]),
                          with_then(invalid_family("IdentityType", "CaseSensitiveRejected"), FULL_STAYS)),
                   "acceptable", given=USER_APP_FULL))
    t.append(T(TYPE, "identitytype_ramuser_detached", "RamUser with the user's ID detaches the app policy.",
               ["StateDependent", "Effect"], [TYPE, DET, SHAPE], vod_req(), success(), "valid",
               given=USER_APP_FULL, then=[vod_list(excludes=[FULL])]))
    t.append(T(TYPE, "identitytype_ramrole_detached", "RamRole with the role name detaches the app policy.",
               ["StateDependent", "Effect"], [TYPE, DET, SHAPE], vod_req(itype="RamRole", iname=VR), success(), "valid",
               given=[vod_role(), vod_app(), vod_attach(FULL, "RamRole", VR)], then=[vod_list("RamRole", VR, excludes=[FULL])]))
    return t


def _vod_identityname_user_id_existence():
    """IdentityName: user ID, existence."""
    t = []
    t.append(T(UID, "user_name_instead_of_id", "The user's NAME is passed where the user ID is required: it names no user, and the attachment stays.",
               ["UserIdNotName", "StateDependent", "Effect", "Unconfirmed"], [UID, IEX], vod_req(iname=VU),
               identity_not_found([FULL]), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(UID, "user_id_as_role_name", "RamRole with a user ID: no role has that name; the user's attachment stays.",
               ["UserIdNotName", "StateDependent", "Effect", "Unconfirmed"], [UID, IEX], vod_req(itype="RamRole"),
               identity_not_found([FULL]), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(UID, "role_name_as_user_id", "RamUser with a role name: no user has that ID; the role's attachment stays.",
               ["UserIdNotName", "StateDependent", "Effect", "Unconfirmed"], [UID, IEX], vod_req(iname=VR),
               identity_not_found([FULL]), "acceptable", given=[vod_role(), vod_app(), vod_attach(FULL, "RamRole", VR)],
               then=[vod_list("RamRole", VR, includes=[FULL])]))
    t.append(T(IEX, "unknown_user_id", "A user ID that belongs to no user.",
               ["ValidatedNotFound", "Unconfirmed", "StateDependent"], [IEX], vod_req(iname="${run}424242"),
               identity_not_found([FULL]), "acceptable", given=[vod_app()]))
    t.append(T(IEX, "unknown_role_name", "A role name that belongs to no role.",
               ["ValidatedNotFound", "Unconfirmed", "StateDependent"], [IEX], vod_req(itype="RamRole", iname="${run}-norole"),
               identity_not_found([FULL]), "acceptable", given=[vod_app()]))
    return t


def _vod_appid():
    """AppId."""
    t = []
    t.append(T(AOPT, "admin_policy_without_appid", "VODAppAdministratorAccess may be detached without AppId.",
               ["StateDependent", "Effect"], [AOPT, DET, SHAPE], vod_req(ADMIN, app=None), success(), "valid",
               given=[vod_user(), vod_attach(ADMIN, app=None)], then=[vod_list(app=None, excludes=[ADMIN])]))
    t.append(T(AOPT, "admin_policy_without_appid_role", "A role's VODAppAdministratorAccess may be detached without AppId.",
               ["StateDependent", "Effect"], [AOPT, DET], vod_req(ADMIN, itype="RamRole", iname=VR, app=None), success(), "valid",
               given=[vod_role(), vod_attach(ADMIN, "RamRole", VR, app=None)], then=[vod_list("RamRole", VR, app=None, excludes=[ADMIN])]))
    t.append(T(AOPT, "admin_detached_app_policy_stays", "Detaching the admin policy leaves the identity's app-scoped policy.",
               ["StateDependent", "Effect", "Isolation"], [AOPT, OTH], vod_req(ADMIN, app=None), success(), "valid",
               given=USER_APP_FULL + [vod_attach(ADMIN, app=None)], then=FULL_STAYS))
    for name, policies in (("full_access", FULL), ("read_only", READ), ("both_app_policies", FULL + "," + READ)):
        t.append(T(AREQ, "appid_absent_" + name, "AppId not sent with %s: rejected with a 4xx; nothing changes." % policies,
                   ["MissingParameter", "StateDependent", "Effect"], [AREQ], vod_req(policies, app=None),
                   any_of(*missing_family("AppId")), "invalid",
                   given=USER_APP_FULL + [vod_attach(READ)], then=[vod_list(includes=[FULL, READ])]))
    t.append(T(AMIX, "appid_absent_mixed_list", "Admin and an app policy, no AppId: rejected, or accepted; UNCONFIRMED.",
               ["Unconfirmed", "StateDependent"], [AMIX], vod_req(ADMIN + "," + FULL, app=None),
               # accepted: the account-wide admin policy is gone at least (which app the other one meant is open)
               any_of(with_then(success("Accepted"), [vod_list(excludes=[ADMIN])]),
                      *(with_then(alt, [vod_list(includes=[ADMIN, FULL])]) for alt in missing_family("AppId"))),
               "acceptable", given=USER_APP_FULL + [vod_attach(ADMIN, app=None)]))
    t.append(T(AEX, "unknown_appid", "An AppId that names no application: a 4xx, or the name reported; the real app's attachment stays.",
               ["ValidatedNotFound", "Unconfirmed", "StateDependent", "Effect", "Isolation"], [AEX, OTH],
               vod_req(app="app-${run}9"), any_of(invalid_family("AppId", "AppIdRejected"), *reported([FULL], "App")),
               "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(AEX, "empty_appid", "AppId sent empty with an app policy: a 4xx, or treated as the default app; the custom app's attachment stays.",
               ["EmptyValue", "Unconfirmed", "StateDependent", "Effect", "Isolation"], [AEX, AREQ, OTH],
               vod_req(app=""), any_of(*(missing_family("AppId") + [success("DefaultApp")] + reported([FULL], "DefaultApp"))),
               "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    return t


def _vod_policynames_lists():
    """PolicyNames lists."""
    t = []
    t.append(T(LIST, "two_policies_detached", "Both listed attached policies are detached.",
               ["ListSyntax", "StateDependent", "Effect"], [LIST, DET, SHAPE], vod_req(FULL + "," + READ), success(), "valid",
               given=USER_APP_FULL + [vod_attach(READ)], then=[vod_list(excludes=[FULL, READ])]))
    t.append(T(LIST, "two_policies_reverse_order", "List order does not matter.",
               ["ListSyntax", "StateDependent", "Effect"], [LIST, DET], vod_req(READ + "," + FULL), success(), "valid",
               given=USER_APP_FULL + [vod_attach(READ)], then=[vod_list(excludes=[FULL, READ])]))
    t.append(T(LIST, "one_of_two_detached", "Only the listed policy goes; the other stays.",
               ["StateDependent", "Effect", "Isolation"], [LIST, DET, OTH], vod_req(READ), success(), "valid",
               given=USER_APP_FULL + [vod_attach(READ)], then=[vod_list(includes=[FULL], excludes=[READ])]))
    t.append(T(LIST, "read_only_detached", "VODAppReadOnlyAccess alone is detached.",
               ["StateDependent", "Effect"], [LIST, DET], vod_req(READ), success(), "valid",
               given=[vod_user(), vod_app(), vod_attach(READ)], then=[vod_list(excludes=[READ])]))

    t.append(T(UNK, "unknown_policy_name", "A name that is not a VOD app policy is reported (NonExist or Failed), as a JSON array; the attachment stays.",
               ["UnknownName", "Unconfirmed", "ResponseShape", "StateDependent", "Effect"], [UNK, SHAPE],
               vod_req("VODAppNoSuchAccess"), any_of(*reported(["VODAppNoSuchAccess"])), "acceptable",
               given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(UNK, "unknown_and_attached", "An unknown name next to an attached one: the attached one is detached, the unknown one reported.",
               ["UnknownName", "Unconfirmed", "ResponseShape", "StateDependent", "Effect"], [UNK, LIST, DET, SHAPE],
               vod_req(FULL + ",VODAppNoSuchAccess"), any_of(*reported(["VODAppNoSuchAccess"])), "acceptable",
               given=USER_APP_FULL, then=[vod_list(excludes=[FULL])]))
    t.append(T(UNK, "two_unknown_names", "Two unknown names are both reported.",
               ["UnknownName", "Unconfirmed", "ResponseShape", "StateDependent"], [UNK, SHAPE],
               vod_req("NoSuchA,NoSuchB"), any_of(*reported(["NoSuchA", "NoSuchB"])), "acceptable",
               given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(UNK, "unknown_name_lower_case", "'vodappfullaccess' is not one of the three documented names: reported, or matched case-insensitively (detached).",
               ["UnknownName", "CaseVariant", "Unconfirmed", "StateDependent"], [UNK],
               vod_req("vodappfullaccess"),
               any_of(*([with_then(alt, FULL_STAYS) for alt in reported(["vodappfullaccess"])] +
                        [with_then(success("CaseInsensitive"), [vod_list(excludes=[FULL])])])), "acceptable",
               given=USER_APP_FULL))
    t.append(T(UNK, "unknown_name_on_role", "An unknown name for a role is reported too.",
               ["UnknownName", "Unconfirmed", "ResponseShape", "StateDependent"], [UNK, SHAPE],
               vod_req("VODAppNoSuchAccess", itype="RamRole", iname=VR), any_of(*reported(["VODAppNoSuchAccess"])), "acceptable",
               given=[vod_role(), vod_app(), vod_attach(FULL, "RamRole", VR)], then=[vod_list("RamRole", VR, includes=[FULL])]))
    rejected_sys = invalid_family("PolicyNames", "Rejected")
    t.append(T(SYSO, "ram_system_policy_name", "AliyunVODFullAccess is a RAM policy, not a VOD app policy: reported or rejected.",
               ["UnknownName", "Unconfirmed", "StateDependent", "Effect"], [SYSO],
               vod_req("AliyunVODFullAccess"), any_of(*(reported(["AliyunVODFullAccess"]) + [rejected_sys])), "acceptable",
               given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(SYSO, "ram_custom_policy_name", "A RAM custom policy's name is not a VOD app policy: reported or rejected.",
               ["UnknownName", "Unconfirmed", "StateDependent", "Effect"], [SYSO],
               vod_req("${run}-cp"), any_of(*(reported(["${run}-cp"]) + [rejected_sys])), "acceptable",
               given=USER_APP_FULL + [{"call": "CreatePolicy", "product": "Ram", "params": {"PolicyName": "${run}-cp", "PolicyDocument": POLICY_DOC}}],
               then=FULL_STAYS))
    t.append(T(SYSO, "ram_policy_next_to_app_policy", "AliyunVODFullAccess next to an attached app policy: reported with the app policy detached, or the call rejected.",
               ["UnknownName", "Unconfirmed", "StateDependent"], [SYSO, LIST],
               vod_req(FULL + ",AliyunVODFullAccess"),
               any_of(*([with_then(alt, [vod_list(excludes=[FULL])]) for alt in reported(["AliyunVODFullAccess"])] +
                        [with_then(rejected_sys, FULL_STAYS)])), "acceptable",
               given=USER_APP_FULL))

    t.append(T(NATT, "known_policy_not_attached", "VODAppReadOnlyAccess is not attached: a success no-op, or reported; the attached policy stays.",
               ["Unconfirmed", "StateDependent", "Effect", "Isolation"], [NATT, OTH], vod_req(READ),
               any_of(*(reported([READ]) + [success("NoOp")])), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(NATT, "detach_twice", "The second detach of the same app policy finds nothing attached.",
               ["Idempotency", "Unconfirmed", "StateDependent", "Effect"], [NATT], vod_req(),
               any_of(*(reported([FULL]) + [success("NoOp")])), "acceptable",
               given=USER_APP_FULL + [{"call": "DetachAppPolicyFromIdentity",
                                       "params": {"IdentityType": "RamUser", "IdentityName": "${uid}", "AppId": "${app}", "PolicyNames": FULL}}],
               then=[vod_list(excludes=[FULL])]))
    t.append(T(NATT, "admin_not_attached", "VODAppAdministratorAccess, never attached, without AppId: a no-op or reported.",
               ["Unconfirmed", "StateDependent", "Effect", "Isolation"], [NATT, AOPT], vod_req(ADMIN, app=None),
               any_of(*(reported([ADMIN]) + [success("NoOp")])), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(NATT, "not_attached_next_to_attached", "One attached and one unattached name: the attached one is detached.",
               ["Unconfirmed", "StateDependent", "Effect"], [NATT, LIST, DET], vod_req(FULL + "," + READ),
               any_of(*(reported([READ]) + [success("NoOp")])), "acceptable", given=USER_APP_FULL,
               then=[vod_list(excludes=[FULL])]))

    t.append(T(DUP, "duplicate_names", "'A,A': the policy is detached once; the repeat is ignored or reported.",
               ["ListSyntax", "Unconfirmed", "StateDependent", "Effect"], [DUP, DET], vod_req(FULL + "," + FULL),
               any_of(success("RepeatReportedFailed", {"FailedPolicyNames": [FULL]}),
                      success("RepeatReportedNonExist", {"NonExistPolicyNames": [FULL]}), success("RepeatIgnored")),
               "acceptable", given=USER_APP_FULL, then=[vod_list(excludes=[FULL])]))
    t.append(T(DUP, "duplicate_names_with_other", "'A,B,A': both attached policies are detached.",
               ["ListSyntax", "Unconfirmed", "StateDependent", "Effect"], [DUP, LIST, DET], vod_req(FULL + "," + READ + "," + FULL),
               any_of(success("RepeatReportedFailed", {"FailedPolicyNames": [FULL]}),
                      success("RepeatReportedNonExist", {"NonExistPolicyNames": [FULL]}), success("RepeatIgnored")),
               "acceptable", given=USER_APP_FULL + [vod_attach(READ)], then=[vod_list(excludes=[FULL, READ])]))

    # Each answer proves its effect: ignoring the empty items detaches the named policies; a rejection
    # leaves both (issue: a 200 with empty lists and nothing detached must fail).
    for name, value, named in (("double_comma", FULL + ",," + READ, [FULL, READ]), ("trailing_comma", FULL + ",", [FULL]),
                               ("leading_comma", "," + FULL, [FULL]), ("only_commas", ",,", [])):
        kept = [vod_list(includes=[FULL, READ])]
        ignored = [vod_list(excludes=named, includes=[p for p in (FULL, READ) if p not in named])]
        alts = [with_then(success("EmptyItemsIgnored"), ignored),
                with_then(invalid_family("PolicyNames", "EmptyItemsRejected"), kept)]
        if name == "only_commas":
            alts += [with_then(alt, kept) for alt in missing_family("PolicyNames")[:2]]
        t.append(T(EMPTY, "empty_items_" + name, "%r: empty items ignored, reported, or the call rejected with a 4xx." % value,
                   ["ListSyntax", "Unconfirmed", "StateDependent", "Effect"], [EMPTY], vod_req(value),
                   any_of(*alts), "acceptable", given=USER_APP_FULL + [vod_attach(READ)]))
    for name, value, bad in (("leading_space", " " + FULL, " " + FULL), ("space_after_comma", READ + ", " + FULL, " " + FULL),
                             ("trailing_space", FULL + " ", FULL + " "), ("tab", FULL + "\t", FULL + "\t")):
        other = [READ] if name == "space_after_comma" else []  # the unpadded name next to it is detached either way
        untrimmed = [vod_list(includes=[FULL], excludes=other)]
        trimmed = [vod_list(excludes=[FULL] + other)]
        t.append(T(WS, "whitespace_" + name, "%r: trimmed (detached), reported untrimmed, or rejected with a 4xx." % value,
                   ["ListSyntax", "Unconfirmed", "StateDependent", "Effect"], [WS], vod_req(value),
                   any_of(*([with_then(alt, untrimmed) for alt in reported([bad], "Untrimmed")] +
                            [with_then(success("Trimmed"), trimmed),
                             with_then(invalid_family("PolicyNames", "Rejected"), [vod_list(includes=[FULL, READ])])])),
                   "acceptable", given=USER_APP_FULL + [vod_attach(READ)]))
    return t


def _vod_isolation():
    """Isolation."""
    t = []
    t.append(T(OTH, "other_app_untouched", "The same policy on another app stays when it is detached from one app.",
               ["StateDependent", "Effect", "Isolation"], [OTH, DET], vod_req(), success(), "valid",
               given=USER_APP_FULL + [vod_app("app2", "b"), vod_attach(FULL, app="${app2}")],
               then=[vod_list(excludes=[FULL]), vod_list(app="${app2}", includes=[FULL])]))
    t.append(T(OTH, "other_user_untouched", "Another user's attachment of the same policy on the same app stays.",
               ["StateDependent", "Effect", "Isolation"], [OTH, DET], vod_req(), success(), "valid",
               given=USER_APP_FULL + [vod_user("uid2", VU2), vod_attach(FULL, iname="${uid2}")],
               then=[vod_list(excludes=[FULL]), vod_list(iname="${uid2}", includes=[FULL])]))
    t.append(T(OTH, "role_untouched_by_user_detach", "A role holding the same policy keeps it when a user's is detached.",
               ["StateDependent", "Effect", "Isolation"], [OTH, DET], vod_req(), success(), "valid",
               given=USER_APP_FULL + [vod_role(), vod_attach(FULL, "RamRole", VR)],
               then=[vod_list(excludes=[FULL]), vod_list("RamRole", VR, includes=[FULL])]))
    t.append(T(OTH, "user_untouched_by_role_detach", "A user holding the same policy keeps it when a role's is detached.",
               ["StateDependent", "Effect", "Isolation"], [OTH, DET], vod_req(itype="RamRole", iname=VR), success(), "valid",
               given=USER_APP_FULL + [vod_role(), vod_attach(FULL, "RamRole", VR)],
               then=[vod_list("RamRole", VR, excludes=[FULL]), vod_list(includes=[FULL])]))
    t.append(T(OTH, "other_app_read_only_untouched", "Detaching from one app leaves another app's different policy.",
               ["StateDependent", "Effect", "Isolation"], [OTH, DET], vod_req(), success(), "valid",
               given=USER_APP_FULL + [vod_app("app2", "b"), vod_attach(READ, app="${app2}")],
               then=[vod_list(excludes=[FULL]), vod_list(app="${app2}", includes=[READ])]))
    t.append(T(SHAPE, "success_response_shape", "A plain successful detach: RequestId (checked for every vector); lists, when present, are arrays.",
               ["ResponseShape", "StateDependent", "Effect"], [SHAPE, DET], vod_req(), success(), "valid",
               given=USER_APP_FULL, then=[vod_list(excludes=[FULL])]))
    return t


def _vod_several_rules_broken_at_once():
    """Several rules broken at once."""
    t = []
    t.append(T(PREC, "bad_type_and_appid_absent", "Invalid IdentityType and no AppId for an app policy.",
               ["MultipleErrors", "MissingParameter"], [PREC, TYPE, AREQ], vod_req(itype="RamGroup", app=None),
               any_of(invalid_family("IdentityType", "IdentityTypeRejected"), *missing_family("AppId")), "acceptable",
               given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(PREC, "missing_identityname_and_unknown_app", "IdentityName not sent and an AppId that names no app.",
               ["MultipleErrors", "MissingParameter"], [PREC, REQ_N, AEX], vod_req(app="app-${run}9", drop=("IdentityName",)),
               any_of(*(missing_family("IdentityName") + [invalid_family("AppId", "AppIdRejected")])), "acceptable"))
    t.append(T(PREC, "unknown_user_and_unknown_app", "Neither the identity nor the app exists.",
               ["MultipleErrors", "Unconfirmed"], [PREC, IEX, AEX], vod_req(iname="${run}424242", app="app-${run}9"),
               any_of(invalid_family("IdentityName", "IdentityRejected"), invalid_family("AppId", "AppIdRejected"),
                      *reported([FULL])), "acceptable"))
    t.append(T(PREC, "bad_type_and_unknown_policy", "Invalid IdentityType and an unknown policy name.",
               ["MultipleErrors", "UnknownName"], [PREC, TYPE, UNK], vod_req("VODAppNoSuchAccess", itype="Group"),
               any_of({"status": 400, "code": "InvalidParameter", "label": "InvalidParameter"},
                      invalid_family("IdentityType", "IdentityTypeRejected")), "invalid",
               given=USER_APP_FULL, then=FULL_STAYS))
    return t


def _vod_hostile_values():
    """Hostile values (no documented limit: the endpoint must answer, not crash)."""
    t = []
    t.append(T(IEX, "identityname_4096_chars", "A 4096-character IdentityName names no identity (no documented length limit).",
               ["FarBeyondLimit", "Unconfirmed", "StateDependent", "Effect"], [IEX], vod_req(iname=rep("9", 4096)),
               identity_not_found([FULL]), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(IEX, "identityname_invalid_utf8", "An IdentityName that is not UTF-8 names no identity.",
               ["InvalidUtf8", "Unconfirmed", "StateDependent", "Effect"], [IEX], vod_req(iname=cat("${uid}", hexv("c3 28"))),
               identity_not_found([FULL]), "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(UNK, "policynames_invalid_utf8", "A policy name that is not UTF-8: rejected, or reported (the list cannot be compared as JSON text); the attachment stays.",
               ["InvalidUtf8", "UnknownName", "Unconfirmed", "StateDependent", "Effect"], [UNK],
               vod_req(cat("VODApp", hexv("ff"), "Access")),
               any_of(invalid_family("PolicyNames", "Rejected"), success("Reported")), "acceptable",
               given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(UNK, "policynames_4096_chars", "One unknown 4096-character name is reported, or the list rejected.",
               ["FarBeyondLimit", "UnknownName", "Unconfirmed", "StateDependent", "Effect"], [UNK],
               vod_req(rep("P", 4096)), any_of(invalid_family("PolicyNames", "Rejected"), *reported(["P" * 4096])), "acceptable",
               given=USER_APP_FULL, then=FULL_STAYS))
    t.append(T(AEX, "appid_url_syntax_chars", "An AppId full of URL syntax names no app: a 4xx, or the name reported; the real app's attachment stays.",
               ["UrlSyntaxChar", "Unconfirmed", "StateDependent", "Effect"], [AEX],
               vod_req(app="app-1&AppId=${app}#x"), any_of(invalid_family("AppId", "AppIdRejected"), *reported([FULL], "App")),
               "acceptable", given=USER_APP_FULL, then=FULL_STAYS))
    return t


def _vod_second_witnesses():
    """Second witnesses for rules that only one vector used to catch."""
    t = []
    t.append(T(OTH, "other_app_untouched_role", "A role holding the same policy on two apps keeps the other app's.",
               ["StateDependent", "Effect", "Isolation"], [OTH, DET], vod_req(itype="RamRole", iname=VR), success(), "valid",
               given=[vod_role(), vod_app(), vod_app("app2", "b"), vod_attach(FULL, "RamRole", VR),
                      vod_attach(FULL, "RamRole", VR, app="${app2}")],
               then=[vod_list("RamRole", VR, excludes=[FULL]), vod_list("RamRole", VR, app="${app2}", includes=[FULL])]))
    t.append(T(REQ_P, "missing_policynames_role", "PolicyNames not sent for a role: a 4xx; the role keeps its policy.",
               ["MissingParameter", "Unconfirmed", "StateDependent", "Effect"], [REQ_P], vod_req(itype="RamRole", iname=VR, drop=("PolicyNames",)),
               any_of(*missing_family("PolicyNames")), "acceptable",
               given=[vod_role(), vod_app(), vod_attach(FULL, "RamRole", VR)], then=[vod_list("RamRole", VR, includes=[FULL])]))
    t.append(T(AEX, "unknown_appid_admin_attached", "An unknown AppId with an app policy, for a user who is also admin: the admin and app grants stay.",
               ["ValidatedNotFound", "Unconfirmed", "StateDependent", "Effect", "Isolation"], [AEX, OTH],
               vod_req(READ, app="app-${run}8"), any_of(invalid_family("AppId", "AppIdRejected"), *reported([READ], "App")),
               "acceptable", given=[vod_user(), vod_app(), vod_attach(READ)], then=[vod_list(includes=[READ])]))
    return t


def _vod_admin_all_three_implicit_and_gateway():
    """The admin policy with an AppId, all three policies at once, the implicit default-app grant, the gateway."""
    t = []
    t.append(T(AOPT, "admin_with_appid", "VODAppAdministratorAccess sent with an AppId: the account-wide grant is detached (AppId ignored), reported, or the AppId rejected; each answer proves its effect.",
               ["Unconfirmed", "StateDependent", "Effect"], [AOPT, DET], vod_req(ADMIN),
               any_of(with_then(success("AppIdIgnored"), [vod_list(excludes=[ADMIN])]),
                      *(with_then(alt, [vod_list(includes=[ADMIN])]) for alt in reported([ADMIN], "Admin")),
                      with_then(invalid_family("AppId", "AppIdRejected"), [vod_list(includes=[ADMIN])])),
               "acceptable", given=[vod_user(), vod_app(), vod_attach(ADMIN, app=None)]))
    t.append(T(LIST, "all_three_policies", "All three VOD policies in one call (the admin one account-wide, the two app ones on the app): all are detached.",
               ["ListSyntax", "StateDependent", "Effect"], [LIST, DET, SHAPE], vod_req(ADMIN + "," + FULL + "," + READ), success(), "valid",
               given=USER_APP_FULL + [vod_attach(READ), vod_attach(ADMIN, app=None)],
               then=[vod_list(excludes=[ADMIN, FULL, READ])]))
    t.append(T(NATT, "revoke_implicit_default_app_access", "Every RAM identity holds VODAppFullAccess on app-1000000 until the main account revokes it (docs/sources/vod.md): detaching it revokes it, or it is reported as never attached.",
               ["Unconfirmed", "StateDependent", "Effect"], [NATT, DET], vod_req(FULL, app="app-1000000"),
               any_of(success("Revoked"), *reported([FULL], "NotAttached")), "acceptable",
               given=[vod_user()], then=[vod_list(app="app-1000000", excludes=[FULL])]))
    t += gateway_tests(vod_req(), USER_APP_FULL, FULL_STAYS, [vod_list(excludes=[FULL])])
    return t


# The order of this list is the tcId order: append only.
VOD_SECTIONS = [_vod_service_and_permission, _vod_required_parameters, _vod_identitytype, _vod_identityname_user_id_existence, _vod_appid, _vod_policynames_lists, _vod_isolation, _vod_several_rules_broken_at_once, _vod_hostile_values, _vod_second_witnesses, _vod_admin_all_three_implicit_and_gateway]

def vod_tests():
    return [test for section in VOD_SECTIONS for test in section()]


VOD_HEADER = {
    "schema": "acsconf_vectors_v1.schema.json", "product": "Vod", "version": "2017-03-21", "operation": "DetachAppPolicyFromIdentity",
    "generator": "vectors/tools/generate_vectors.py",
    "sources": {"docs": "docs/sources/vod.md", "catalogue": "conformance/model/catalogue/catalogue.json", "rules": "conformance/model/RULES.md"},
}
