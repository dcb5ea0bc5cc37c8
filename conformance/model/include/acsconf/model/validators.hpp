// One small named function per documented parameter rule, shared by the Account and by the fuzz
// targets (which compare them against independent predicates). Each check returns the error code the
// rule raises, or std::nullopt when the value satisfies it. Values are raw bytes: a length is the
// number of UTF-8 code points when the bytes are valid UTF-8, else the number of bytes; invalid UTF-8
// always fails a character rule (never crashes).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acsconf/model/limits.hpp"

namespace acsconf::model {

// The error code a violated rule raises (a string literal with static storage), or nullopt.
using Violation = std::optional<std::string_view>;

// The documented limits (kUserNameMaxLength, ...) are generated from the catalogue
// (conformance/model/catalogue/catalogue.json, "limits").
// Code points of valid UTF-8 (rejecting overlong forms, surrogates and values above U+10FFFF), or
// nullopt for invalid UTF-8.
std::optional<std::size_t> utf8_code_points(std::string_view bytes);
bool is_valid_utf8(std::string_view bytes);
// The length a rule measures: code points when valid UTF-8, else bytes.
std::size_t parameter_length(std::string_view bytes);

// --- RAM (2015-05-01) ---
// UserName: kUserNameMinLength to kUserNameMaxLength characters (InvalidParameter.UserName.Length).
Violation check_user_name_length(std::string_view value);
// UserName: ^[a-zA-Z0-9.@_-]+$ (InvalidParameter.UserName.InvalidChars). '@' accepted (regex; the
// prose omits it: implementation-defined, conformance/model/RULES.md).
Violation check_user_name_chars(std::string_view value);
// PolicyName: kPolicyNameMinLength to kPolicyNameMaxLength characters (InvalidParameter.PolicyName.Length).
Violation check_policy_name_length(std::string_view value);
// PolicyName: ^[a-zA-Z0-9-]+$ (InvalidParameter.PolicyName.InvalidChars).
Violation check_policy_name_chars(std::string_view value);
// PolicyType: exactly "System" or "Custom", case-sensitive (InvalidParameter.PolicyType).
Violation check_policy_type(std::string_view value);
// "system", "CUSTOM", ...: a PolicyType that differs from a valid one only in letter case (what the
// deviation ram.PolicyType.caseIgnored.noEffect lets through).
bool policy_type_in_other_case(std::string_view value);
// PolicyDocument / AssumeRolePolicyDocument: kPolicyDocument{Min,Max}Length characters (InvalidParameter.PolicyDocument.Length),
// then a JSON object (MalformedPolicyDocument).
Violation check_policy_document(std::string_view value);
// CreatePolicy Description: kPolicyDescription{Min,Max}Length characters (InvalidParameter.Description.Length).
Violation check_policy_description_length(std::string_view value);
// CreateUser DisplayName: kDisplayName{Min,Max}Length (InvalidParameter.DisplayName.Length),
// ^[a-zA-Z0-9.@\-\x{4e00}-\x{9fa5}]+$ (InvalidParameter.DisplayName.InvalidChars).
Violation check_display_name_length(std::string_view value);
Violation check_display_name_chars(std::string_view value);
// CreateUser Comments: kComments{Min,Max}Length (InvalidParameter.Comments.Length).
Violation check_comments_length(std::string_view value);
// CreateRole RoleName: kRoleName{Min,Max}Length (InvalidParameter.RoleName.Length), ^[a-zA-Z0-9.-]+$
// (InvalidParameter.RoleName.InvalidChars). In no public source: marked model-only in the error catalogue.
Violation check_role_name_length(std::string_view value);
Violation check_role_name_chars(std::string_view value);

// The rules the pure parameter validators (parameters.hpp) test, as yes/no: check_user_name_length
// is user_name_length_ok with its code, and so on. The validators' path has no std::optional (see
// ParameterVerdict).
bool user_name_length_ok(std::string_view value);
bool user_name_chars_ok(std::string_view value);
bool policy_name_length_ok(std::string_view value);
bool policy_name_chars_ok(std::string_view value);
bool policy_type_ok(std::string_view value);

// --- VOD (2017-03-21) ---
inline constexpr std::string_view kVodAdminPolicy = "VODAppAdministratorAccess";
inline constexpr std::string_view kVodFullAccessPolicy = "VODAppFullAccess";
inline constexpr std::string_view kVodReadOnlyPolicy = "VODAppReadOnlyAccess";
inline constexpr std::string_view kVodDefaultAppId = "app-1000000";

// IdentityType: exactly "RamUser" or "RamRole" (model: InvalidParameter); identity_type_ok: yes/no.
Violation check_identity_type(std::string_view value);
bool identity_type_ok(std::string_view value);
// One of the three VOD application system policies (docs/sources/vod.md#parameters), case-sensitive.
bool is_vod_app_policy(std::string_view name);
// PolicyNames split on ',' ; empty items dropped, items not trimmed, order and repeats kept
// (RULES.md: emptyItems ignored, whitespace not trimmed).
std::vector<std::string> split_policy_names(std::string_view value);
// CreateAppInfo AppName: kAppName{Min,Max}Length characters of CJK (U+4E00–U+9FA5), letters, digits, '.', '-', '@'
// (model: InvalidParameter; docs/sources/vod.md#fixtures).
Violation check_app_name(std::string_view value);
// CreateAppInfo Description: at most kAppDescriptionMaxLength characters (model: InvalidParameter).
Violation check_app_description(std::string_view value);

}  // namespace acsconf::model
