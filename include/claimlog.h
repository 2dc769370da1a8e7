/*
 * claimlog.h - the umbrella header of the claimlog library.
 */
#ifndef CLAIMLOG_H
#define CLAIMLOG_H

#include "claimlog/error.h"
#include "claimlog/alloc.h"
#include "claimlog/init.h"
#include "claimlog/buf.h"
#include "claimlog/strlist.h"
#include "claimlog/value.h"
#include "claimlog/claim.h"
#include "claimlog/pages.h"
#include "claimlog/entity.h"
#include "claimlog/layout.h"
#include "claimlog/repo.h"
#include "claimlog/diff.h"
#include "claimlog/history.h"
#include "claimlog/index.h"
#include "claimlog/remote.h"
#include "claimlog/verify.h"
#include "claimlog/semantic.h"
#include "claimlog/export.h"
#include "claimlog/import.h"
#include "claimlog/query.h"
#include "claimlog/edit.h"
#include "claimlog/report.h"

#endif
