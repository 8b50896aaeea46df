using KafkaFleet;
using Pulumi;

return await Deployment.RunAsync<KafkaFleetStack>();
