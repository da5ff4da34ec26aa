// Test environment. No secrets here: downloadLinkSecret and telemetryPseudonymKey are given on the command line.
using './main.bicep'

param environmentName = 'test'
param appServiceSku = 'B1'
param securityChiefIds = '00000000-0000-0000-0000-000000000000'
param securityDeputyIds = ''
param partyContacts = ''
param alertEmail = 'it-drift@falkenberg.se'
param retentionDays = 30
