// The dashboard (work in progress in this commit: the shell only; clusters, broadcasts and alarms follow).
import { startPage } from './console.js';
import { addStrings } from './i18n.js';

addStrings({
  vi: { 'dash.page-title': 'Tổng quan · InfoRadio', 'dash.title': 'Tổng quan' },
  en: { 'dash.page-title': 'Dashboard · InfoRadio', 'dash.title': 'Dashboard' },
});

startPage('index');
