/**
 * The format of a record's own fields, one rule for every way into the records: the API's contracts
 * (common/contracts/cadres.ts) and the spreadsheet import (server/modules/imports/rows.ts) test the same
 * patterns and say the same thing.
 */

export const STAFF_CODE_PATTERN = /^[0-9A-Za-z._/-]{1,32}$/;
export const STAFF_CODE_MESSAGE = "Số hiệu cán bộ chỉ gồm chữ không dấu, số và . _ / - (tối đa 32 ký tự)";

/** 2–200 characters, no digits, no < or > (a name is never markup). */
export const FULL_NAME_PATTERN = /^[^0-9<>]{2,200}$/u;
export const FULL_NAME_MESSAGE = "Họ và tên phải có từ 2 đến 200 ký tự, không chứa chữ số hay ký tự < >";

export const PHONE_PATTERN = /^[0-9+()\-. ]{6,30}$/;
export const PHONE_MESSAGE = "Số điện thoại chỉ gồm chữ số, + ( ) - . và dấu cách (6 đến 30 ký tự)";

/** An ordinary mailbox address (ASCII, one @, a dotted domain), at most 200 characters. */
export const EMAIL_PATTERN = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
export const EMAIL_MAX = 200;
export const EMAIL_MESSAGE = "Email không hợp lệ";
