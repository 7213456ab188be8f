#include <gtest/gtest.h>

#include "code/coder.h"

namespace dyad::code {
namespace {

TEST(CoderOptionsTest, PetrarchConfigValuesInAnyCase) {
  CoderOptions o;
  EXPECT_TRUE(o.Set("require_dyad", "FALSE").ok());
  EXPECT_FALSE(o.require_dyad);
  EXPECT_TRUE(o.Set("require_dyad", "True").ok());
  EXPECT_TRUE(o.require_dyad);
  EXPECT_TRUE(o.Set("new_actor_length", "4").ok());
  EXPECT_EQ(o.new_actor_length, 4);
  EXPECT_TRUE(o.Set("comma_emax", "8").ok());
  EXPECT_EQ(o.comma_emax, 8);
}

TEST(CoderOptionsTest, AcceptedButUnusedPetrarchOptions) {
  CoderOptions o;
  EXPECT_TRUE(o.Set("comma_min", "2").ok());
  EXPECT_TRUE(o.Set("comma_bmax", "6").ok());
  EXPECT_TRUE(o.Set("stop_on_error", "True").ok());
}

TEST(CoderOptionsTest, RejectsUnknownOptionsAndBadValues) {
  CoderOptions o;
  EXPECT_EQ(o.Set("no_such_option", "1").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(o.Set("require_dyad", "maybe").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(o.Set("new_actor_length", "-3").code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(o.Set("new_actor_length", "4x").code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(o.require_dyad);  // unchanged by the rejected value
}

}  // namespace
}  // namespace dyad::code
