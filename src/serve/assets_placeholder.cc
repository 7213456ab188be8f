// A one-page stand-in for the dashboard's asset table, linked only when the
// build has no dyad_dashboard_assets target (web/ absent from the tree), so that
// dyad serve and its tests build on their own.
#include "serve/assets.h"

namespace dyad::serve {
namespace {

const Asset kAssets[] = {
    {"/index.html", "text/html; charset=utf-8",
     "<!doctype html><meta charset=utf-8><title>dyad</title>"
     "<p>The dashboard is not part of this build. The JSON API is at <a href=/api/openapi.json>/api/openapi.json</a>."},
};

}  // namespace

const Asset* FindAsset(std::string_view path) {
  if (path == "/") path = "/index.html";
  for (const Asset& a : kAssets) {
    if (a.path == path) return &a;
  }
  return nullptr;
}

const Asset* AllAssets(size_t* count) {
  *count = sizeof(kAssets) / sizeof(kAssets[0]);
  return kAssets;
}

bool DashboardBuilt() { return false; }

}  // namespace dyad::serve
