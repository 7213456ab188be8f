// The dashboard assets embedded in dyad (src/serve/assets.h) are the files
// that `npm run build` wrote, or the one placeholder page when it could not run.
#include "serve/assets.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace dyad::serve {
namespace {

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(DashboardAssets, RootAndIndexServeTheSameHtmlPage) {
  const Asset* root = FindAsset("/");
  const Asset* index = FindAsset("/index.html");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root, index);
  EXPECT_EQ(root->content_type, "text/html; charset=utf-8");
  EXPECT_NE(root->body.find("<!doctype html>"), std::string_view::npos);
}

TEST(DashboardAssets, UnknownPathsAreNotFound) {
  EXPECT_EQ(FindAsset("/nope.js"), nullptr);
  EXPECT_EQ(FindAsset("/assets/../index.html"), nullptr);
  EXPECT_EQ(FindAsset("index.html"), nullptr);
}

TEST(DashboardAssets, EveryListedAssetIsFoundByItsPathOnce) {
  size_t n = 0;
  const Asset* all = AllAssets(&n);
  ASSERT_GT(n, 0u);
  std::set<std::string_view> paths;
  for (size_t i = 0; i < n; ++i) {
    EXPECT_EQ(all[i].path.front(), '/');
    EXPECT_FALSE(all[i].content_type.empty());
    EXPECT_TRUE(paths.insert(all[i].path).second) << all[i].path;
    EXPECT_EQ(FindAsset(all[i].path), &all[i]);
  }
}

TEST(DashboardAssets, BuiltBundleMatchesTheFilesOnDiskByteForByte) {
  if (!DashboardBuilt()) {
    size_t n = 0;
    AllAssets(&n);
    EXPECT_EQ(n, 1u);
    EXPECT_NE(FindAsset("/")->body.find("npm ci"), std::string_view::npos) << "the placeholder says how to build";
    GTEST_SKIP() << "dashboard not built (npm or web/node_modules missing): placeholder embedded";
  }
  const std::filesystem::path dist = DYAD_DASHBOARD_DIST;
  size_t n = 0;
  AllAssets(&n);
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dist)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    std::string path = entry.path().lexically_relative(dist).generic_string();
    path.insert(path.begin(), '/');
    const Asset* a = FindAsset(path);
    ASSERT_NE(a, nullptr) << path;
    EXPECT_EQ(a->body, ReadFile(entry.path())) << path;
  }
  EXPECT_EQ(files, n);
  const Asset* js = FindAsset("/assets/app.js");
  ASSERT_NE(js, nullptr);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(FindAsset("/index.html")->body.find("assets/app.js"), std::string_view::npos);
}

}  // namespace
}  // namespace dyad::serve
