// Seed corpora and dictionaries derived from the conformance vectors (vectors/*.json), so the
// fuzzers start from every documented case instead of from nothing. Used by tools/make_corpus.cpp
// (files for libFuzzer / OSS-Fuzz) and by tests/fuzz (replayed in-process).
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace acsconf::fuzz {

struct Corpus {
    std::map<std::string, std::vector<std::string>> seeds;   // target name → seed inputs
    std::map<std::string, std::set<std::string>> dictionary;  // target name → tokens
    std::vector<std::string> problems;                        // vector-file problems met on the way
};

// Reads the vector files (directories expand to their *.json). Tests the loader cannot use are
// skipped; their problems are listed.
Corpus corpus_from_vectors(const std::vector<std::filesystem::path>& paths);

// One token as a libFuzzer dictionary line: "..." with \\, \" and \xNN escapes.
std::string dictionary_line(const std::string& token);

}  // namespace acsconf::fuzz
